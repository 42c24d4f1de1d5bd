"""Texts of the lessons: the picker, and each lesson's title, question and answer."""
EN = {
    "pick": "Lessons",
    "pick_help": "A lesson sets the page up for one demonstration (every other control back to "
                 "its default) and puts its settings in the link, so the whole class can open it.",
    "ask_label": "Predict first:",
    "reveal": "Reveal the answer",
    "unknown": "The link asked for the lesson {key}, which this page does not have.",
    "map_title": "Lessons",
    "map_lead": "Short demonstrations for a class: each link opens a page already set up. "
                "Ask the question, let the room guess, then reveal.",
    "vanishing": "Sigmoid, 10 layers: vanishing",
    "vanishing_ask": "A fresh 10-layer sigmoid network with Glorot init. How large is the weight "
                     "gradient of layer 1 compared with that of layer 10?",
    "vanishing_answer": "Tiny: about 10⁻⁸ of it (the ratio metric). Each sigmoid layer multiplies "
                        "the backward signal by its derivative, which is at most 1/4, so ten "
                        "layers shrink it by orders of magnitude. The first layers would barely "
                        "learn.",
    "relu_xavier": "ReLU + Glorot init: shrinking",
    "relu_xavier_ask": "30 ReLU layers initialized for tanh (Glorot). What happens to the spread "
                       "of the activations from layer 1 to layer 30?",
    "relu_xavier_answer": "It collapses by about five orders of magnitude. ReLU zeroes half of "
                          "its inputs, so it passes on only half of the variance, and Glorot's "
                          "variance does not make up for that: each layer loses a factor of "
                          "about √2 in spread.",
    "relu_he": "ReLU + He init: steady",
    "relu_he_ask": "The same 30 ReLU layers, now with He (Kaiming) init. And now?",
    "relu_he_answer": "The spread stays of the same order through all 30 layers. He init doubles "
                      "the weight variance (2 / fan_in), exactly what ReLU's halving takes "
                      "away.",
    "zero_init": "Zero init: symmetric units",
    "zero_init_ask": "Every weight starts at 0. What do the hidden layers' gradients look like, "
                     "and how many different units does each layer have?",
    "zero_init_answer": "Every hidden weight gradient is exactly 0, and each layer holds one unit "
                        "copied across its whole width. Units that start equal get equal updates "
                        "and stay equal: random initialization is what breaks the symmetry.",
    "zigzag": "κ = 100: the shallow direction crawls",
    "zigzag_ask": "A quadratic bowl 100 times steeper one way than the other, plain gradient "
                  "descent and momentum at the same learning rate, 500 steps. Who gets there?",
    "zigzag_answer": "Momentum reaches the minimum within 0.001 after about 130 steps, swinging "
                     "across the valley on the way. Plain SGD does not arrive in 500 steps: its "
                     "learning rate must stay below 2 / (steep curvature), and at that rate the "
                     "shallow direction shrinks by only 1 % per step.",
    "precondition": "Preconditioning: round contours",
    "precondition_ask": "The same bowl and learning rate, but the coordinates are rescaled so "
                        "the contours are circles. How many steps does plain SGD need now?",
    "precondition_answer": "One. In the rescaled coordinates both directions have the same "
                           "curvature, so the gradient points straight at the minimum; this is "
                           "what Newton's method and feature normalization try to approach.",
    "saddle": "Saddle: SGD lingers, Adam leaves",
    "saddle_ask": "f = x² − y², starting almost on the x axis. Which optimizer passes close to "
                  "the saddle point at (0, 0), and which one turns away early?",
    "saddle_answer": "SGD slides in along x and comes within about 0.2 of the saddle before the "
                     "tiny y component finally grows and carries it off. Adam rescales each "
                     "coordinate by its own gradient history, so even the tiny y gradient gets a "
                     "full-sized step: it never gets closer than about 1.",
    "softmax_overflow": "Softmax overflow",
    "softmax_overflow_ask": "Logits scaled by 1000, in float32. What does the textbook formula "
                            "exp(xᵢ) / Σ exp(xⱼ) give?",
    "softmax_overflow_answer": "exp overflows to inf, and inf / inf is NaN: the naive log-sum-exp "
                               "reads ∞. Subtracting the largest logit first gives the same "
                               "function with every exponent ≤ 0, so the stable value is "
                               "finite.",
    "ce_vs_mse": "Cross-entropy vs squared error",
    "ce_vs_mse_ask": "A sigmoid output at z = −8 for a target of 1: confidently wrong. Which "
                     "loss pushes z harder, and by how much?",
    "ce_vs_mse_answer": "Cross-entropy, over a thousand times harder: its gradient is a − y, "
                        "almost −1. Squared error's gradient carries the extra factor a(1 − a), "
                        "almost 0 in the flat tail of the sigmoid.",
    "dead_relu": "Dead ReLUs at a large learning rate",
    "dead_relu_ask": "Small networks trained at learning rates up to 3. Which activation loses "
                     "units for good: ReLU, leaky ReLU or ELU?",
    "dead_relu_answer": "Plain ReLU loses most of its units at the largest rate; leaky ReLU "
                        "loses none, because its slope below zero never vanishes. ELU dies too "
                        "at that rate, by a different route: e^z underflows to exactly 0.",
}
ZH = {
    "pick": "课堂演示",
    "pick_help": "选一个演示即可把本页设置好（其他控件恢复默认），设置也会写进链接，全班可以打开同一个实验。",
    "ask_label": "先预测：",
    "reveal": "揭晓答案",
    "unknown": "链接要求的演示 {key} 不在本页。",
    "map_title": "课堂演示",
    "map_lead": "为课堂准备的简短演示：每个链接打开一个已经设置好的页面。先提问，让大家猜，再揭晓。",
    "vanishing": "Sigmoid，10 层：梯度消失",
    "vanishing_ask": "一个刚初始化的 10 层 sigmoid 网络，使用 Glorot 初始化。第 1 层权重梯度与第 10 层相比有多大？",
    "vanishing_answer": "极小：约为其 10⁻⁸（见比值指标）。每层 sigmoid 都把反向信号乘以它的导数，"
                        "而这个导数最大只有 1/4，十层下来便缩小了好几个数量级，前面几层几乎学不动。",
    "relu_xavier": "ReLU + Glorot 初始化：逐层缩小",
    "relu_xavier_ask": "30 层 ReLU，用为 tanh 设计的 Glorot 初始化。激活值的离散程度从第 1 层到第 30 层会怎样？",
    "relu_xavier_answer": "缩小约五个数量级。ReLU 把一半输入置零，只传下一半方差，而 Glorot "
                          "的方差没有补上这一半：每层的标准差约缩小为原来的 1/√2。",
    "relu_he": "ReLU + He 初始化：保持稳定",
    "relu_he_ask": "同样的 30 层 ReLU，改用 He（Kaiming）初始化。这次呢？",
    "relu_he_answer": "30 层内离散程度保持在同一量级。He 初始化把权重方差加倍（2 / fan_in），"
                      "恰好补回 ReLU 减掉的那一半。",
    "zero_init": "零初始化：对称的单元",
    "zero_init_ask": "所有权重都从 0 开始。隐藏层的梯度是什么样？每层有几个互不相同的单元？",
    "zero_init_answer": "所有隐藏层权重梯度都恰好为 0，而且每层只有一个单元，被复制到整层宽度。"
                        "起点相同的单元得到相同的更新，永远相同：打破对称靠的是随机初始化。",
    "zigzag": "κ = 100：平缓方向爬得很慢",
    "zigzag_ask": "一个一个方向比另一个方向陡 100 倍的二次碗，普通梯度下降与动量法用相同学习率走 500 步。谁能到达？",
    "zigzag_answer": "动量法约 130 步后到达最小值 0.001 以内，途中在山谷两侧来回摆动。普通 SGD "
                     "500 步内到不了：学习率必须低于 2 /（陡峭方向的曲率），而在这个学习率下，"
                     "平缓方向每步只缩小 1%。",
    "precondition": "预条件：圆形等高线",
    "precondition_ask": "同样的碗和学习率，但坐标经过缩放，使等高线变成圆。普通 SGD 现在需要几步？",
    "precondition_answer": "一步。缩放后的坐标里两个方向曲率相同，梯度直指最小值；"
                           "牛顿法和特征归一化想要接近的正是这种情形。",
    "saddle": "鞍点：SGD 徘徊，Adam 离开",
    "saddle_ask": "f = x² − y²，起点几乎在 x 轴上。哪个优化器会经过 (0, 0) 处鞍点的附近，哪个很早就转开？",
    "saddle_answer": "SGD 沿 x 方向滑入，离鞍点近到约 0.2，直到微小的 y 分量慢慢长大才把它带走。"
                     "Adam 按各坐标自己的梯度历史缩放步长，连极小的 y 梯度也能得到完整大小的一步："
                     "它离鞍点从未近于约 1。",
    "softmax_overflow": "Softmax 溢出",
    "softmax_overflow_ask": "logits 放大 1000 倍，使用 float32。教科书公式 exp(xᵢ) / Σ exp(xⱼ) 会得到什么？",
    "softmax_overflow_answer": "exp 溢出为 inf，inf / inf 等于 NaN：直接计算的 log-sum-exp 显示 ∞。"
                               "先减去最大的 logit，得到的是同一个函数，但所有指数都 ≤ 0，稳定形式的值是有限的。",
    "ce_vs_mse": "交叉熵与平方误差",
    "ce_vs_mse_ask": "sigmoid 输出在 z = −8 处，而目标是 1：自信地错了。哪种损失把 z 推得更用力？差多少？",
    "ce_vs_mse_answer": "交叉熵，力度超过一千倍：它的梯度是 a − y，接近 −1。平方误差的梯度多了一个因子 "
                        "a(1 − a)，在 sigmoid 平坦的尾部几乎为 0。",
    "dead_relu": "大学习率下的死亡 ReLU",
    "dead_relu_ask": "用最高到 3 的学习率训练小网络。哪种激活函数会永久失去单元：ReLU、Leaky ReLU 还是 ELU？",
    "dead_relu_answer": "普通 ReLU 在最大学习率下失去大部分单元；Leaky ReLU 一个也不失去，"
                        "因为它在零以下的斜率从不为零。ELU 在那个学习率下也会死，但原因不同：e^z 下溢为 0。",
}
