"""Texts of the lessons: the picker, and each lesson's title, question and answer."""
EN = {
    "pick": "Lessons",
    "pick_help": "A lesson sets the page up for one demonstration (every other control back to "
                 "its default) and puts its settings in the link, so the whole class can open it. "
                 "Clicking the open lesson again sets it up again.",
    "ask_label": "Predict first:",
    "reveal": "Reveal the answer",
    "changed": "The settings changed since the lesson, so its answer is hidden.",
    "back": "Back to the lesson",
    "close": "Close the lesson",
    "unknown": "The link asked for the lesson {key}, which this page does not have.",
    "map_title": "Lessons",
    "map_lead": "Short demonstrations for a class: each link opens a page already set up. "
                "Ask the question, let the room guess, then reveal.",
    "bp_vanish": "Three sigmoid layers: the gradient fades",
    "bp_vanish_ask": "Three sigmoid layers between the input and the output. How large is layer "
                     "1's weight gradient next to the output layer's?",
    "bp_vanish_answer": "More than fifty times smaller. Equation 2 multiplies δ by σ′(z) at every "
                        "layer on the way down, and σ′ is at most 1/4; the Jacobians' norms under "
                        "the table multiply to well below 1.",
    "bp_confident": "Squared error on a confident mistake",
    "bp_confident_ask": "The sigmoid output says 0.001 for a target of 1, and the loss is "
                        "squared error. Is the output's δ large or small?",
    "bp_confident_answer": "Tiny, about −0.002: equation 1 multiplies the error by σ′(z), and "
                           "σ′ is about 0.001 out here. Choose cross-entropy and δ becomes "
                           "a − y ≈ −1, hundreds of times larger: the reason classifiers use it.",
    "bp_dead": "ReLU: a whole layer silent",
    "bp_dead_ask": "With this seed, every unit of layer 2 gets z < 0 for this example. What "
                   "gradient reaches layers 1 and 2?",
    "bp_dead_answer": "None at all: f′(z) = 0 for each of them, so equation 2 gives δ = 0 and "
                      "equations 3 and 4 give zero gradients for both hidden layers. Even the "
                      "output's weights get none, since a = 0 feeds them; only the output's "
                      "bias learns from this example.",
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
                          "about √2 in spread. The weight gradients shrink with it: about 10⁻⁶ "
                          "in every layer, too small to learn from, even though their ratio "
                          "from layer to layer looks harmless.",
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
    "decay_wins": "A large rate needs lowering",
    "decay_wins_ask": "Training's network learns at rate 3 for 50 epochs (the section \"Every "
                      "schedule on one network\", at the bottom). Which ends with the lower "
                      "training loss: the constant rate, or the schedules that lower it?",
    "decay_wins_answer": "Every schedule that lowers the rate ends lower, and the best "
                         "(exponential decay, about 0.04) at under a third of the constant "
                         "rate's 0.14. A large rate moves fast at first, then keeps bouncing "
                         "around the minimum unless it is made smaller.",
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
    "maxout_abs": "Maxout: how many pieces |x| needs",
    "maxout_abs_ask": "A maxout unit with 8 affine pieces is trained to fit |x|. How many of "
                      "the pieces does it end up using?",
    "maxout_abs_answer": "Two: |x| = max(−x, x) exactly, so the fit's error is 0 and the other "
                         "six pieces are never the largest. Maxout fits any convex function as "
                         "the upper edge of its pieces.",
    "dead_relu": "Dead ReLUs at a large learning rate",
    "dead_relu_ask": "Small networks trained at learning rates up to 3. Which activation loses "
                     "units for good: ReLU, leaky ReLU or ELU?",
    "dead_relu_answer": "With this seed all three train at rate 3 without diverging, so they "
                        "compare at the same rate. Plain ReLU loses most of its units there; "
                        "leaky ReLU loses none, because its slope below zero never vanishes. ELU "
                        "loses units too, by a different route: such steps push z below about "
                        "−745, where e^z underflows to exactly 0.",
    "xor_line": "XOR with a single unit",
    "xor_line_ask": "XOR data, one hidden layer with a single tanh unit, inputs x₁ and x₂ only. "
                    "Press Step five times: how far does the test accuracy get?",
    "xor_line_answer": "Not past 75 %: it stalls near two thirds. With one unit the output is a "
                       "monotone function of one line w·x + b, so the boundary is a straight "
                       "line, and a line can put at most three of XOR's four quadrants on the "
                       "right side. XOR needs either more hidden units or a better feature.",
    "xor_product": "XOR with the feature x₁x₂",
    "xor_product_ask": "The same single unit, but the input also gets the product x₁x₂. Five "
                       "steps again: and now?",
    "xor_product_answer": "Above 90 % test accuracy. XOR's label is just the sign of x₁x₂, so "
                          "with that feature one line separates the classes. A hidden layer "
                          "learns such features itself; here we handed it over.",
    "lr_diverge": "Learning rate 1: divergence",
    "lr_diverge_ask": "Regression on the plane data with the learning rate at 1. Press Step "
                      "twice: what happens to the loss?",
    "lr_diverge_answer": "It blows up to infinity within two epochs, and the page reports the "
                         "step where it diverged. Each update overshoots the minimum by more "
                         "than it corrects, so the error grows geometrically. At 0.3 the same "
                         "network trains without trouble: set it and press Step again.",
    "skips": "Skip connections smooth the surface",
    "skips_ask": "The same 20-layer ReLU network with batch norm, trained the same way without "
                 "and with skip connections. Around the trained weights, along random "
                 "directions, which surface is rougher, and how high does the loss climb on "
                 "each?",
    "skips_answer": "Without skips the surface is rugged, with about three times as many local "
                    "minima on the grid, and it climbs more than five times higher (see the "
                    "numbers under the two surfaces). With skip connections it is a smoother, "
                    "bowl-like one (Li et al. 2018). Smoother ground is easier to descend.",
    "plateau": "Squared error's plateau",
    "plateau_ask": "One sigmoid neuron, confidently wrong. Which loss surface gives it the "
                   "steeper slope to climb out: cross-entropy or squared error?",
    "plateau_answer": "Cross-entropy, by a factor of about a hundred (the gradient metrics under "
                      "the two maps). Squared error multiplies the error by σ′, nearly 0 once "
                      "the sigmoid saturates: the worse the neuron, the flatter its surface.",
    "two_3x3": "Two 3×3 or one 5×5",
    "two_3x3_ask": "Two 3×3 convolutions in a row, 64 channels in and out. How wide a window of "
                   "the input does one output pixel see, and is that cheaper than one "
                   "convolution with that window?",
    "two_3x3_answer": "5 × 5, the window of a single 5×5 convolution, with 73,856 parameters "
                      "instead of that layer's 102,464 (put c5p2o64 in the stack to check). "
                      "The stack also adds a second non-linearity: this is why VGG uses only "
                      "3×3 kernels.",
    "bottleneck": "1×1 bottleneck",
    "bottleneck_ask": "A 28×28 map with 256 channels. A 1×1 convolution squeezes it to 64 "
                      "channels before the 3×3 convolution back to 256. How many parameters "
                      "does that save against the 3×3 convolution alone (c3p1o256)?",
    "bottleneck_answer": "164,160 parameters instead of 590,080, more than three times fewer, "
                         "and the multiply-adds shrink by the same factor. A 1×1 convolution "
                         "mixes channels at each pixel without looking at neighbours, a cheap "
                         "way to change the channel count (Inception, ResNet's bottlenecks).",
    "stem": "ResNet's first layers",
    "stem_ask": "A 224×224 RGB image through a 7×7 convolution with stride 2 and padding 3 (64 "
                "channels), then 3×3 max pooling with stride 2 and padding 1. What is the "
                "output size, and how many input pixels does one output pixel see?",
    "stem_answer": "56 × 56 × 64. Size = ⌊(n + 2p − k) / s⌋ + 1: ⌊(224 + 6 − 7) / 2⌋ + 1 = 112, "
                   "then ⌊(112 + 2 − 3) / 2⌋ + 1 = 56. The receptive field is 11: 7 from the "
                   "convolution, plus (3 − 1) × 2 from the pooling, whose neighbours sit 2 "
                   "input pixels apart.",
    "inception_reduce": "Inception's 1×1 saving",
    "inception_reduce_ask": "GoogLeNet's module 3a reads a 28 × 28 × 192 map (the Inception "
                            "module tab). Without its 1×1 reductions, how many times more "
                            "parameters would it have?",
    "inception_reduce_answer": "About 2.4 times: 393,472 against 163,696, and 2.4 times the "
                               "multiply-adds (308 M against 128 M). The 3×3 and 5×5 "
                               "convolutions would read all 192 channels instead of 96 and 16.",
    "se_overhead": "SE: almost free",
    "se_overhead_ask": "An SE block with r = 16 follows a 3×3 convolution with 256 channels on a "
                       "56 × 56 map (the Squeeze-and-excitation tab). How much does it add to "
                       "the parameters, and to the multiply-adds?",
    "se_overhead_answer": "About 1.4 % more parameters (8,464 against 590,080) and under "
                          "0.001 % more multiply-adds: its two small layers see C averages, "
                          "not the whole map.",
    "noise_b": "Gradient noise falls as 1/B",
    "noise_b_ask": "A minibatch gradient averages B per-example gradients. From B = 1 to B = 8, "
                   "by how much does its variance fall? And at B = N = 128?",
    "noise_b_answer": "About eightfold: the variance of an average of B draws is the variance "
                      "of one divided by B (drawing without replacement shrinks it a little "
                      "more, by (N − B)/(N − 1)). At B = N every batch is the whole training "
                      "set, so the noise is exactly 0. A 16 times larger batch only makes the "
                      "gradient's error 4 times smaller.",
    "linear_scaling": "The linear scaling rule",
    "linear_scaling_ask": "B = 64 takes 8 times fewer steps per epoch than B = 8. Scale its "
                          "learning rate by 8 as well (0.5 → 4). After the same epochs, does "
                          "it end as close to the minimum as B = 8?",
    "linear_scaling_answer": "Yes: both end within 0.2 of the minimum. Without the scaling "
                             "(turn the switch off) B = 64 at 0.5 is still more than 1 away. "
                             "Eight small steps move about as far as one step 8 times larger, "
                             "as long as that larger step stays stable (Goyal et al. 2017).",
    "bn_running_drift": "Running averages drift",
    "bn_running_drift_ask": "Two identical networks train with batch norm; one normalizes with "
                            "each minibatch's own statistics, the other with the running "
                            "averages, updated at momentum 1 (so they hold this minibatch's "
                            "values but are treated as constants). Does the bias before the norm "
                            "move the same way in both?",
    "bn_running_drift_answer": "No. With batch statistics a shift of the bias is taken out again "
                               "and its gradient is zero: it stays below 1e-5. Treated as "
                               "constants, the averages let the bias drift, past 1 within 300 "
                               "steps: the gradient no longer knows that the mean follows the "
                               "bias.",
    "bn_batch2": "Batches of 2",
    "bn_batch2_ask": "Batch norm on batches of only 2 examples. Keep one example fixed and "
                     "change only its companion: how much does its normalized value move?",
    "bn_batch2_answer": "A lot: its output varies with a standard deviation near 1, over five "
                        "times as much as at B = 64 (the metric under the charts). With two "
                        "examples every normalized value is ±1, so the feature only says "
                        "which one is larger, and the running averages average that noise. "
                        "Layer and group norm do not look at the batch: their spread is 0.",
    "bn_lr": "A large learning rate",
    "bn_lr_ask": "Two 6-layer tanh networks, without and with batch norm, trained at learning "
                 "rate 1. Which one learns? Which rate suits each best in the sweep?",
    "bn_lr_answer": "Only the batch-norm network: at epoch 20 its loss is less than half of "
                    "the other's, which has hardly left chance level (ln 2 ≈ 0.69) and still "
                    "sits above 0.45. In the sweep its best "
                    "rate is higher and its best loss lower. Normalizing each layer keeps a "
                    "large step from being amplified layer after layer.",
    "bootstrap_share": "A resample's share of the data",
    "bootstrap_share_ask": "Each network of the ensemble trains on a resample: 60 draws with "
                           "replacement from the 60 training points. What share of the points "
                           "does one resample contain?",
    "bootstrap_share_answer": "About 63 %: a point is missed by all 60 draws with probability "
                              "(1 − 1/60)⁶⁰ ≈ 0.365, close to 1/e. The rest are repeats, so each "
                              "network sees a different part of the data, and their average "
                              "smooths out what each one overfits.",
    "augment_moons": "Augmentation that breaks the labels",
    "augment_moons_ask": "Copies turned by up to ±180° helped on the circle data. Do they help "
                         "on the two moons?",
    "augment_moons_answer": "No: test accuracy falls by more than ten points. A circle looks "
                            "the same when turned, so turned copies keep their labels right; "
                            "half a turn puts one moon on the other, so a turned copy carries "
                            "the other class's label. An augmentation must keep the label true.",
    "l1_sparse": "L1 makes weights sparse",
    "l1_sparse_ask": "The same network trained three times: no penalty, L1, L2. What share of "
                     "its weights ends at zero with each?",
    "l1_sparse_answer": "L1: more than half. L2 and no penalty: under 2 %. L1 pulls every "
                        "weight towards 0 by the same amount whatever its size, so small "
                        "weights reach 0 and stay there (the corners of the diamond); L2's pull "
                        "shrinks with the weight, so it makes them small but not zero.",
    "dropout_scale": "Dropout: why no rescaling at test time",
    "dropout_scale_ask": "Dropout with p = 0.5 zeroes half of a layer's inputs during training. "
                         "Does the mean of what the next layer receives halve? And at test "
                         "time?",
    "dropout_scale_answer": "No: inverted dropout multiplies the survivors by 1/(1 − p) = 2, so "
                            "the training-mode mean matches the input mean up to sampling "
                            "noise. At test time nothing is dropped and nothing is scaled: the "
                            "layer passes its input as it is.",
    "early_stop": "Early stopping",
    "early_stop_ask": "A network far too big for 30 noisy points, trained for 200 steps. When "
                      "is its test loss lowest?",
    "early_stop_answer": "Well before half-way, before step 100. After that the training loss "
                         "keeps falling while the test loss climbs: the network memorises the "
                         "noise. Early stopping keeps the weights of the best step.",
    "rnn_vanish": "RNN vs LSTM over 50 steps",
    "rnn_vanish_ask": "A sequence of 50 steps. What fraction of the gradient reaches the first "
                      "input in a plain tanh RNN, and in an LSTM?",
    "rnn_vanish_answer": "The RNN passes on less than 10⁻⁴; the LSTM over 10⁻², more than a "
                         "thousand times as much. The RNN multiplies the gradient by a weight "
                         "matrix and a tanh derivative at every step; the LSTM's cell state is "
                         "carried forward by addition, scaled only by the forget gate.",
    "forget_bias": "LSTM with a closed forget gate",
    "forget_bias_ask": "The LSTM's forget gate now starts nearly closed (bias −3). Does it "
                       "still carry the gradient back 49 steps?",
    "forget_bias_answer": "No: its ratio drops below 10⁻³⁰, far under even the plain RNN. At "
                          "each step the cell state is multiplied by the gate, σ(−3), far "
                          "below 1. The gradient highway exists only while the gate is open, "
                          "which is why LSTMs start with a positive forget bias.",
    "rnn_clip": "Clipping an exploding gradient",
    "rnn_clip_ask": "Spectral radius 2.5: the RNN's gradient explodes. Clip it at norm 10: "
                    "what is left of its size, and of its direction?",
    "rnn_clip_answer": "Its norm drops from above 10⁵ to exactly 10, and its direction does not "
                       "change (cosine 1): clipping by the norm only shortens the step. It "
                       "tames explosion; it cannot revive a gradient that vanished.",
}
ZH = {
    "pick": "课堂演示",
    "pick_help": "选一个演示即可把本页设置好（其他控件恢复默认），设置也会写进链接，全班可以打开同一个实验。"
                 "再点一次已打开的演示会重新设置它。",
    "ask_label": "先预测：",
    "reveal": "揭晓答案",
    "changed": "设置已和演示不同，所以答案先收起。",
    "back": "回到演示设置",
    "close": "关闭演示",
    "unknown": "链接要求的演示 {key} 不在本页。",
    "map_title": "课堂演示",
    "map_lead": "为课堂准备的简短演示：每个链接打开一个已经设置好的页面。先提问，让大家猜，再揭晓。",
    "bp_vanish": "三层 sigmoid：梯度逐层变小",
    "bp_vanish_ask": "输入和输出之间有三层 sigmoid。第 1 层的权重梯度与输出层相比有多大？",
    "bp_vanish_answer": "小五十倍以上。往回传时，公式 2 在每一层都把 δ 乘以 σ′(z)，而 σ′ 最大只有 1/4；"
                        "表格下方各层雅可比矩阵范数的乘积远小于 1。",
    "bp_confident": "平方误差遇上自信的错误",
    "bp_confident_ask": "目标是 1，sigmoid 输出却只有 0.001，损失用平方误差。输出层的 δ 是大还是小？",
    "bp_confident_answer": "很小，约 −0.002：公式 1 把误差乘以 σ′(z)，而在这里 σ′ 只有约 0.001。"
                           "换成交叉熵后 δ = a − y ≈ −1，大了几百倍，这就是分类器用交叉熵的原因。",
    "bp_dead": "ReLU：整层沉默",
    "bp_dead_ask": "在这个种子下，第 2 层的每个单元对这个样本都有 z < 0。第 1、2 层能收到多少梯度？",
    "bp_dead_answer": "完全没有：它们的 f′(z) 都是 0，公式 2 给出 δ = 0，公式 3、4 给两层隐藏层的梯度全为零。"
                      "连输出层的权重也得不到梯度，因为输入它们的 a 都是 0；只有输出层的偏置能从这个样本学到东西。",
    "vanishing": "Sigmoid，10 层：梯度消失",
    "vanishing_ask": "一个刚初始化的 10 层 sigmoid 网络，使用 Glorot 初始化。第 1 层权重梯度与第 10 层相比有多大？",
    "vanishing_answer": "极小：约为其 10⁻⁸（见比值指标）。每层 sigmoid 都把反向信号乘以它的导数，"
                        "而这个导数最大只有 1/4，十层下来便缩小了好几个数量级，前面几层几乎学不动。",
    "relu_xavier": "ReLU + Glorot 初始化：逐层缩小",
    "relu_xavier_ask": "30 层 ReLU，用为 tanh 设计的 Glorot 初始化。激活值的离散程度从第 1 层到第 30 层会怎样？",
    "relu_xavier_answer": "缩小约五个数量级。ReLU 把一半输入置零，只传下一半方差，而 Glorot "
                          "的方差没有补上这一半：每层的标准差约缩小为原来的 1/√2。"
                          "权重梯度也跟着变小：每层都只有约 10⁻⁶，小到学不动，"
                          "尽管层与层之间的比值看起来没有问题。",
    "relu_he": "ReLU + He 初始化：保持稳定",
    "relu_he_ask": "同样的 30 层 ReLU，改用 He（Kaiming）初始化。这次呢？",
    "relu_he_answer": "30 层内离散程度保持在同一量级。He 初始化把权重方差加倍（2 / fan_in），"
                      "恰好补回 ReLU 减掉的那一半。",
    "zero_init": "零初始化：对称的单元",
    "zero_init_ask": "所有权重都从 0 开始。隐藏层的梯度是什么样？每层有几个互不相同的单元？",
    "zero_init_answer": "所有隐藏层权重梯度都恰好为 0，而且每层只有一个单元，被复制到整层宽度。"
                        "起点相同的单元得到相同的更新，永远相同：打破对称靠的是随机初始化。",
    "zigzag": "κ = 100：平缓方向爬得很慢",
    "zigzag_ask": "一个方向比另一个方向陡 100 倍的二次碗，普通梯度下降与动量法用相同学习率走 500 步。谁能到达？",
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
    "decay_wins": "大学习率需要衰减",
    "decay_wins_ask": "训练场的网络以学习率 3 训练 50 轮（见页面底部“同一个网络，换不同的学习率调度”）。"
                      "哪个最后的训练损失更低：恒定学习率，还是逐渐降低学习率的调度？",
    "decay_wins_answer": "所有降低学习率的调度最后都更低，最好的（指数衰减，约 0.04）不到恒定学习率 0.14 的三分之一。"
                         "大学习率起初走得快，但如果不调小，就会一直在极小点附近来回跳。",
    "softmax_overflow": "Softmax 溢出",
    "softmax_overflow_ask": "logits 放大 1000 倍，使用 float32。教科书公式 exp(xᵢ) / Σ exp(xⱼ) 会得到什么？",
    "softmax_overflow_answer": "exp 溢出为 inf，inf / inf 等于 NaN：直接计算的 log-sum-exp 显示 ∞。"
                               "先减去最大的 logit，得到的是同一个函数，但所有指数都 ≤ 0，稳定形式的值是有限的。",
    "ce_vs_mse": "交叉熵与平方误差",
    "ce_vs_mse_ask": "sigmoid 输出在 z = −8 处，而目标是 1：自信地错了。哪种损失把 z 推得更用力？差多少？",
    "ce_vs_mse_answer": "交叉熵，力度超过一千倍：它的梯度是 a − y，接近 −1。平方误差的梯度多了一个因子 "
                        "a(1 − a)，在 sigmoid 平坦的尾部几乎为 0。",
    "maxout_abs": "Maxout：|x| 需要几段",
    "maxout_abs_ask": "用一个有 8 段仿射函数的 maxout 单元去拟合 |x|。训练后它实际用到几段？",
    "maxout_abs_answer": "两段：|x| = max(−x, x) 恰好成立，所以误差为 0，其余六段从来不是最大的。"
                         "Maxout 用各段的上包络可以拟合任何凸函数。",
    "dead_relu": "大学习率下的死亡 ReLU",
    "dead_relu_ask": "用最高到 3 的学习率训练小网络。哪种激活函数会永久失去单元：ReLU、Leaky ReLU 还是 ELU？",
    "dead_relu_answer": "在这个随机种子下，三者都能以学习率 3 训练而不发散，所以是在同一个学习率下比较。"
                        "普通 ReLU 在这里失去大部分单元；Leaky ReLU 一个也不失去，因为它在零以下的斜率从不为零。"
                        "ELU 也会失去单元，但原因不同：这么大的步长把 z 推到约 −745 以下，e^z 下溢为恰好 0。",
    "xor_line": "单个单元学 XOR",
    "xor_line_ask": "XOR 数据，一个隐藏层只有一个 tanh 单元，输入只有 x₁ 和 x₂。按五次“单步”：测试准确率能达到多少？",
    "xor_line_answer": "不超过 75%，停在三分之二左右。只有一个单元时，输出是某条直线 w·x + b 的单调函数，"
                       "所以决策边界是一条直线，而一条直线最多只能把 XOR 四个象限中的三个分对。"
                       "XOR 需要更多隐藏单元，或者更好的特征。",
    "xor_product": "加上特征 x₁x₂ 学 XOR",
    "xor_product_ask": "同样一个单元，但输入多了乘积 x₁x₂。再按五次“单步”：这次呢？",
    "xor_product_answer": "测试准确率超过 90%。XOR 的标签就是 x₁x₂ 的符号，有了这个特征，一条直线就能把两类分开。"
                          "隐藏层能自己学出这样的特征；这里我们直接把它给了网络。",
    "lr_diverge": "学习率为 1：发散",
    "lr_diverge_ask": "在平面数据上做回归，学习率设为 1。按两次“单步”：损失会怎样？",
    "lr_diverge_answer": "两轮之内变为无穷大，页面会报告发散发生在哪一步。每次更新越过最小值的距离都比修正的还多，"
                         "误差因此按几何级数增长。学习率为 0.3 时同一个网络训练正常：设好后再按“单步”。",
    "skips": "跳跃连接让曲面更平滑",
    "skips_ask": "同一个带批归一化的 20 层 ReLU 网络，以同样方式分别在没有和有跳跃连接时训练。"
                 "在训练好的权重周围沿随机方向看，哪个曲面更崎岖？两个曲面上的损失各升到多高？",
    "skips_answer": "没有跳跃连接时曲面崎岖，网格上的局部极小点约为三倍，损失也要高出五倍以上（见两个曲面下方的数值）；"
                    "有跳跃连接时曲面更平滑、更像碗（Li 等，2018）。地形越平滑，越容易下降。",
    "plateau": "平方误差的平台",
    "plateau_ask": "一个自信地错了的 sigmoid 神经元。哪种损失曲面给它更陡的坡来爬出去：交叉熵还是平方误差？",
    "plateau_answer": "交叉熵，大约陡一百倍（见两张图下方的梯度指标）。平方误差把误差乘以 σ′，"
                      "而 sigmoid 饱和后 σ′ 几乎为 0：神经元错得越厉害，它的曲面越平。",
    "two_3x3": "两个 3×3 还是一个 5×5",
    "two_3x3_ask": "连续两个 3×3 卷积，输入输出都是 64 个通道。一个输出像素能看到输入中多大的窗口？"
                   "这比用一个同样窗口的卷积更省吗？",
    "two_3x3_answer": "5 × 5，与单个 5×5 卷积的窗口相同，却只要 73 856 个参数，而那一层要 102 464 个"
                      "（把 c5p2o64 填进层序列即可核对）。两层还多了一个非线性：这就是 VGG 只用 3×3 卷积核的原因。",
    "bottleneck": "1×1 瓶颈",
    "bottleneck_ask": "一张 28×28、256 通道的特征图。先用 1×1 卷积压缩到 64 个通道，再用 3×3 卷积恢复到 256 个。"
                      "与只用一个 3×3 卷积（c3p1o256）相比，能省多少参数？",
    "bottleneck_answer": "164 160 个参数，而不是 590 080 个，少了三倍多，乘加次数也按同样的比例减少。"
                         "1×1 卷积在每个像素上混合各通道而不看邻居，是改变通道数的廉价方法（Inception、ResNet 的瓶颈结构）。",
    "stem": "ResNet 的前几层",
    "stem_ask": "一张 224×224 的 RGB 图像，先经过 7×7、步长 2、填充 3 的卷积（64 个通道），"
                "再经过 3×3、步长 2、填充 1 的最大池化。输出尺寸是多少？一个输出像素能看到多少个输入像素？",
    "stem_answer": "56 × 56 × 64。尺寸 = ⌊(n + 2p − k) / s⌋ + 1：⌊(224 + 6 − 7) / 2⌋ + 1 = 112，"
                   "再 ⌊(112 + 2 − 3) / 2⌋ + 1 = 56。感受野为 11：卷积贡献 7，池化再加 (3 − 1) × 2，"
                   "因为池化的相邻位置在输入上相隔 2 个像素。",
    "inception_reduce": "Inception 的 1×1 降维",
    "inception_reduce_ask": "GoogLeNet 的 3a 模块输入为 28 × 28 × 192（见“Inception 模块”标签页）。"
                            "如果去掉 1×1 降维，参数量会是现在的几倍？",
    "inception_reduce_answer": "约 2.4 倍：393,472 对 163,696；乘加次数也是约 2.4 倍（308 M 对 128 M）。"
                               "因为 3×3 和 5×5 卷积要读全部 192 个通道，而不是 96 和 16 个。",
    "se_overhead": "SE：几乎免费",
    "se_overhead_ask": "在 56 × 56、256 个通道的 3×3 卷积之后加一个 r = 16 的 SE 模块（见“SE（挤压-激励）”标签页）。"
                       "参数量和乘加次数各增加多少？",
    "se_overhead_answer": "参数量约增加 1.4%（8,464 对 590,080），乘加次数增加不到 0.001%："
                          "它的两个小全连接层只看每个通道的平均值，而不是整张特征图。",
    "noise_b": "梯度噪声按 1/B 下降",
    "noise_b_ask": "小批量梯度是 B 个单样本梯度的平均。从 B = 1 到 B = 8，它的方差下降多少？B = N = 128 时呢？",
    "noise_b_answer": "约八倍：B 个样本平均值的方差等于单个样本的方差除以 B（不放回抽样还会再乘以 (N − B)/(N − 1)，"
                      "略小一些）。B = N 时每一批都是整个训练集，噪声恰好为 0。批大 16 倍，梯度的误差只小 4 倍。",
    "linear_scaling": "线性缩放规则",
    "linear_scaling_ask": "B = 64 每轮的步数是 B = 8 的八分之一。把它的学习率也乘以 8（0.5 → 4）。"
                          "训练同样的轮数后，它离最小值是否和 B = 8 一样近？",
    "linear_scaling_answer": "是的：两者最终都在最小值 0.2 以内。不做缩放时（关掉开关），学习率 0.5 的 B = 64 "
                             "仍相距 1 以上。八个小步走的距离约等于一个大 8 倍的步，只要这个大步仍然稳定（Goyal 等，2017）。",
    "bn_running_drift": "滑动平均的漂移",
    "bn_running_drift_ask": "两个相同的网络带批归一化训练；一个用每个小批量自己的统计量归一化，另一个用滑动平均，"
                            "动量为 1（所以它们等于当前小批量的值，但被当作常数）。归一化之前的偏置在两者中移动得一样吗？",
    "bn_running_drift_answer": "不一样。用批统计量时，偏置的平移会被重新减掉，它的梯度为零：一直低于 1e-5。"
                               "把统计量当作常数时，偏置会漂移，300 步内超过 1：梯度不再知道均值会随偏置一起变。",
    "bn_batch2": "批大小为 2",
    "bn_batch2_ask": "批归一化只用 2 个样本一批。固定一个样本，只更换它的同伴：它的归一化值变化多大？",
    "bn_batch2_answer": "变化很大：它的输出标准差接近 1，是 B = 64 时的五倍以上（见图下方的指标）。"
                        "只有两个样本时每个归一化值都是 ±1，这个特征只剩下“谁更大”的信息，滑动平均也只是在平均这种噪声。"
                        "层归一化和组归一化不看批：它们的波动为 0。",
    "bn_lr": "大学习率",
    "bn_lr_ask": "两个 6 层 tanh 网络，一个没有、一个有批归一化，都用学习率 1 训练。哪个能学会？扫描图中各自最合适的学习率是多少？",
    "bn_lr_answer": "只有带批归一化的网络：第 20 轮时它的损失不到另一个的一半；另一个几乎没有离开瞎猜的水平（ln 2 ≈ 0.69），仍高于 0.45。"
                    "扫描中它的最佳学习率更高，最低损失也更低。对每一层做归一化，大步长就不会被逐层放大。",
    "bootstrap_share": "一次重采样含多少数据",
    "bootstrap_share_ask": "集成中的每个网络在一个重采样上训练：从 60 个训练点中有放回地抽 60 次。一次重采样包含多大比例的点？",
    "bootstrap_share_answer": "约 63%：一个点 60 次都没被抽中的概率是 (1 − 1/60)⁶⁰ ≈ 0.365，接近 1/e。"
                              "其余是重复，所以每个网络看到数据的不同部分，平均之后能抹平各自的过拟合。",
    "augment_moons": "会破坏标签的数据增强",
    "augment_moons_ask": "旋转至多 ±180° 的副本对圆形数据有帮助。对双月牙也有帮助吗？",
    "augment_moons_answer": "没有：测试准确率下降十个百分点以上。圆形旋转后样子不变，旋转副本的标签仍然正确；"
                            "转半圈却会把一个月牙放到另一个上，副本带着另一类的标签。数据增强必须让标签保持正确。",
    "l1_sparse": "L1 让权重稀疏",
    "l1_sparse_ask": "同一个网络训练三次：不加惩罚、加 L1、加 L2。各有多大比例的权重最终为零？",
    "l1_sparse_answer": "L1：超过一半。L2 和不加惩罚：不到 2%。L1 对每个权重的拉力大小相同，与权重大小无关，"
                        "所以小权重会被拉到 0 并停在那里（菱形的角）；L2 的拉力随权重变小而变小，"
                        "所以它只让权重变小而不为零。",
    "dropout_scale": "Dropout：为什么测试时不用再缩放",
    "dropout_scale_ask": "p = 0.5 的 dropout 在训练时把一层输入的一半置零。下一层收到的均值会减半吗？测试时呢？",
    "dropout_scale_answer": "不会：反向 dropout 把保留下来的值乘以 1/(1 − p) = 2，所以训练模式下的均值与输入均值只差抽样噪声。"
                            "测试时既不丢弃也不缩放：这一层原样传递输入。",
    "early_stop": "早停",
    "early_stop_ask": "一个对 30 个带噪声的点来说大得多的网络，训练 200 步。它的测试损失在什么时候最低？",
    "early_stop_answer": "远在一半之前，第 100 步以前。此后训练损失继续下降，测试损失却回升：网络在记忆噪声。"
                         "早停保留最佳那一步的权重。",
    "rnn_vanish": "50 步上的 RNN 与 LSTM",
    "rnn_vanish_ask": "一个 50 步的序列。普通 tanh RNN 中有多少比例的梯度能传到第一个输入？LSTM 呢？",
    "rnn_vanish_answer": "RNN 传过去的不到 10⁻⁴；LSTM 超过 10⁻²，多出一千倍以上。RNN 每一步都把梯度乘以一个权重矩阵和 tanh 的导数；"
                         "LSTM 的细胞状态靠加法向前传递，只被遗忘门缩放。",
    "forget_bias": "遗忘门关闭的 LSTM",
    "forget_bias_ask": "LSTM 的遗忘门现在一开始几乎是关着的（偏置 −3）。它还能把梯度传回 49 步吗？",
    "forget_bias_answer": "不能：比值降到 10⁻³⁰ 以下，远低于普通 RNN。每一步细胞状态都被乘以门的值 σ(−3)，远小于 1。"
                          "梯度的高速通道只在门打开时存在，所以 LSTM 的遗忘门偏置通常初始化为正数。",
    "rnn_clip": "裁剪爆炸的梯度",
    "rnn_clip_ask": "谱半径 2.5：RNN 的梯度爆炸了。按范数 10 裁剪：它的大小和方向还剩下什么？",
    "rnn_clip_answer": "范数从 10⁵ 以上降到恰好 10，方向不变（余弦为 1）：按范数裁剪只是缩短步长。"
                       "它能制服爆炸，却无法让已经消失的梯度复活。",
}
