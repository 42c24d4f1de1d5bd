"""Texts of the Activations page."""
EN = {
    "title": "Activations",
    "question": "What does each activation and its derivative look like, why do ReLUs die at "
                "high learning rates, and why is the Gaussian the default distribution?",
    "card": "Compare f and f' of every activation with their flat zones, count dead ReLUs in "
            "real trained networks, and watch means of uniform variables turn Gaussian.",
    "lead": "Three views of the non-linearity inside every layer: the curves themselves, what "
            "training does to ReLU units, and why noise and weights are usually drawn from a "
            "Gaussian.",
    "c_curves": "Curves",
    "range": "z range: from −r to r",
    "fns": "Activations",
    "shade": "Shade the flat zones of",
    "c_dead": "Dead units, PReLU and RReLU",
    "seed": "Seed",
    "c_clt": "Why Gaussian",
    "k": "k uniform variables averaged",
    "need_one": "Choose at least one activation: showing relu.",
    "curves_title": "Activations and their derivatives",
    "f_title": "f(z)",
    "df_title": "f′(z)",
    "z": "z",
    "value": "value",
    "zones_title": "Flat zones of {name}",
    "s_f": "f(z)",
    "s_df": "f′(z)",
    "flat_zone": "flat: |f′| < 5 % of its maximum",
    "no_zones": "{name} has no flat zone in this range: its gradient never fades here.",
    "dead_title": "Dead ReLUs against learning rate",
    "dead_lead": "A network of {depth} hidden layers of {width} units (Kaiming init, plain SGD, "
                 "batch 10) is trained for {epochs} epochs on the circle data at each learning "
                 "rate. A unit counts as dead when its slope f′(z) is exactly 0 on every "
                 "training point: it passes no gradient back, and its own weights stop "
                 "changing. For ReLU that means z ≤ 0 on every point; leaky ReLU's slope is "
                 "never 0; ELU's slope e^z is 0 only where it underflows (z below about −745 "
                 "in float64).",
    "computing": "Training {n} small networks…",
    "lr": "learning rate",
    "dead_axis": "dead hidden units",
    "dead_verdict": "At learning rate {lr}, the largest at which all three trained without "
                    "diverging, plain ReLU lost {relu} of its hidden units, leaky ReLU "
                    "{leaky_relu} and ELU {elu}. Leaky ReLU's slope for z < 0 is never zero, so "
                    "a unit pushed below zero still gets a gradient and can come back.",
    "dead_not_top": "The rates above it are left out of this comparison: a run diverged there "
                    "(listed under the chart).",
    "elu_dead": "ELU's slope e^z is positive in exact arithmetic, but steps this large drive z "
                "below about −745, where e^z rounds to 0 even in float64: those units die by "
                "saturation.",
    "diverged": "Training diverged (the loss became non-finite) for {runs}: the bar of a diverged "
                "run says little.",
    "run": "{act} at learning rate {lr}",
    "prelu_title": "PReLU: a negative slope that training learns",
    "dataset": "Dataset",
    "slope0": "Slope a at the start",
    "slope0_help": "PReLU(z) is z for z > 0 and a·z otherwise. a = 0 starts as ReLU, a = 1 as "
                   "the identity (the whole network is then linear); torch's default is 0.25.",
    "prelu_lead": "Two hidden layers of 8 units, each followed by nn.PReLU with one slope a "
                  "shared by the layer's units, are trained with Adam (learning rate 0.02, "
                  "batches of 20) for {steps} steps on 200 points (seed {seed}). The slope gets "
                  "a gradient like any weight; the left chart follows each layer's a step by "
                  "step.",
    "training_prelu": "Training a PReLU network…",
    "layer_n": "layer {l}",
    "slope_title": "Each layer's slope a after every step",
    "step": "step",
    "slope_axis": "slope a",
    "prelu_loss_title": "Loss on all training points",
    "loss": "loss",
    "m_slope": "{layer}: slope after {steps} steps",
    "m_acc": "training accuracy",
    "prelu_below": "A slope below 0 turns the unit into a V: its output rises again as z falls "
                   "below 0 (a = −1 gives |z|), so it answers how far z is from 0 on either "
                   "side, a shape no ReLU can make.",
    "prelu_above": "A slope above 1 makes the unit steeper left of 0 than right of it: nothing "
                   "in PReLU keeps a between 0 and 1.",
    "rrelu_title": "RReLU: a random slope in training, the mean slope at test",
    "lower": "Lowest slope (lower)",
    "upper": "Highest slope (upper)",
    "rrelu_lead": "In train mode nn.RReLU multiplies each negative input by a slope of its own, "
                  "drawn from U({lower}, {upper}) anew on every pass; in eval mode every "
                  "negative input gets the mean slope ({lower} + {upper}) / 2 = {mid}. Left: the "
                  "eval output, one train-mode pass, and the lowest and highest output of 1 000 "
                  "passes at each z. Right: 2 000 train-mode outputs at a single input.",
    "band_title": "Outputs over z: eval mode and train mode",
    "s_eval": "eval mode",
    "s_one": "one train-mode pass",
    "s_low": "lowest of 1 000 passes",
    "s_high": "highest of 1 000 passes",
    "output": "output",
    "at_title": "2 000 train-mode outputs at z = {z}",
    "s_draws": "train-mode outputs",
    "s_uniform": "uniform density",
    "m_eval": "eval-mode output at z = {z}",
    "m_draw_mean": "mean of the train-mode outputs",
    "m_draw_sd": "their standard deviation",
    "m_exact": "closed form (upper − lower)·|z|/√12: {exact}",
    "maxout_title": "Maxout: the largest of k lines fits a convex curve",
    "power": "Target |x|^p with p =",
    "power_help": "|x|^p is convex for every p ≥ 1: p = 1 gives |x|, p = 2 gives x².",
    "pieces": "Pieces k",
    "maxout_lead": "A maxout unit outputs max(w₁x + b₁, …, wₖx + bₖ). Units of 1 to 8 pieces "
                   "start from the target's tangents at the middles of k equal parts of [−1, 1] "
                   "and are trained with Adam for {steps} steps on the mean squared error at "
                   "{points} points. Left: the unit of k pieces at the start and after training. "
                   "Right: its error against k.",
    "training_maxout": "Fitting 8 maxout units…",
    "s_target": "target |x|^{p}",
    "s_fit": "maxout after training",
    "s_start": "tangents at the start",
    "fit_title": "The fit with k = {k} pieces",
    "err_title": "Error after training against the number of pieces",
    "s_rms": "RMS error",
    "s_max": "largest error",
    "pieces_axis": "pieces k",
    "err_axis": "error",
    "m_rms": "RMS error, k = {k}",
    "m_max": "largest error, k = {k}",
    "m_used": "pieces in use (the largest somewhere)",
    "used": "{used} of {k}",
    "square_note": "For x², the best k pieces of equal width leave an RMS error of (2/k)²/√180 = "
                   "{best} over the whole interval; the trained unit comes within a few per cent "
                   "of it. Each doubling of k divides the error by about 4.",
    "abs_note": "|x| is exactly the larger of two lines, −x and x: from k = 2 on the error is 0 "
                "and the other pieces add nothing.",
    "clt_title": "Why Gaussian: averages and maximum entropy",
    "clt_lead": "The mean of k independent U(0, 1) variables, 20 000 seeded samples, against the "
                "normal density with the same mean 1/2 and variance 1/(12k).",
    "x": "mean of k uniforms",
    "density": "density",
    "s_sample": "sample",
    "s_normal": "normal density",
    "m_mean": "sample mean (exact 0.5)",
    "m_var": "sample variance (exact {exact})",
    "ent_title": "Differential entropy at variance 1",
    "ent_lead": "Among all densities with a given variance the Gaussian has the largest "
                "differential entropy: it assumes nothing beyond the mean and the variance.",
    "m_uniform": "uniform: log(b − a)",
    "m_laplace": "Laplace: 1 + log 2b",
    "m_gaussian": "Gaussian: ½ log 2πeσ²",
    "why_title": "Why it works this way",
    "why": "**Why non-linear activations?** Without them a stack of linear layers collapses into "
           "one linear map, however deep: W₂(W₁x) = (W₂W₁)x. The non-linearity is what lets depth "
           "carve curved decision boundaries.\n\n"
           "**Sigmoid vs ReLU.** The sigmoid's derivative is at most 0.25 and almost 0 outside "
           "|z| ≈ 5 (the shaded zones), so a gradient shrinks in every saturated layer it "
           "crosses; its outputs are also all positive, not centred on 0. ReLU has derivative 1 "
           "for every z > 0, costs a comparison, and gives sparse activations, which is why deep "
           "networks train with it.\n\n"
           "**Dead ReLUs and the variants.** ReLU's derivative is 0 for z < 0. A large step can "
           "push a unit's bias so far down that z < 0 for every input; from then on it gets no "
           "gradient and stays dead. The chart shows this grow with the learning rate. Leaky "
           "ReLU (slope 0.01 for z < 0) and PReLU (a learned slope) keep a non-zero gradient "
           "on the left and cannot die this way. ELU (e^z − 1, smooth and near-zero-mean) and "
           "GELU (z·Φ(z), smooth, used in Transformers) only soften the kink: their slope "
           "fades to 0 as z → −∞, so a unit pushed far enough below zero stops learning too. "
           "In float64 the slope is exactly 0 below about z = −745 for ELU and z = −38.6 for "
           "GELU. A smaller learning rate, careful initialisation or normalisation also "
           "help.\n\n"
           "**Learned, random and many slopes.** PReLU makes the slope left of 0 a parameter: "
           "gradient descent moves it wherever the loss wants, and He et al. (2015) let it "
           "be learned at the cost of one number per layer or channel, without weight decay on "
           "it. RReLU draws the slope at random in training, a noise that acts as a "
           "regulariser, and replaces it by the mean slope at test so that a prediction is "
           "deterministic. Maxout goes further: a unit takes the largest of k learned lines, "
           "so it can be ReLU (max(0, z)), leaky ReLU, |z| or any convex piecewise-linear "
           "shape, at the price of k times the weights.\n\n"
           "**Why the Gaussian?** Two reasons. The central limit theorem: a sum of many small "
           "independent effects is close to Gaussian whatever each effect's law, as the "
           "histogram shows already for k ≈ 5. Maximum entropy: knowing only a mean and a "
           "variance, the Gaussian is the least committal choice. It is also closed under sums "
           "and linear maps, which keeps the maths of initialisation and noise tractable.",
}

ZH = {
    "title": "激活函数",
    "question": "每个激活函数及其导数长什么样？为什么学习率大时 ReLU 会死掉？为什么默认用高斯分布？",
    "card": "比较各激活函数的 f 与 f′ 及其平坦区，在真实训练的网络中数死掉的 ReLU，"
            "看均匀变量的平均值怎样变成高斯分布。",
    "lead": "从三个角度看每一层里的非线性：曲线本身、训练对 ReLU 单元的影响，以及为什么噪声和权重"
            "通常从高斯分布中抽取。",
    "c_curves": "曲线",
    "range": "z 的范围：从 −r 到 r",
    "fns": "激活函数",
    "shade": "标出平坦区的函数",
    "c_dead": "死单元、PReLU 与 RReLU",
    "seed": "随机种子",
    "c_clt": "为什么是高斯",
    "k": "求平均的均匀变量个数 k",
    "need_one": "请至少选择一个激活函数：现显示 relu。",
    "curves_title": "激活函数及其导数",
    "f_title": "f(z)",
    "df_title": "f′(z)",
    "z": "z",
    "value": "值",
    "zones_title": "{name} 的平坦区",
    "s_f": "f(z)",
    "s_df": "f′(z)",
    "flat_zone": "平坦：|f′| 小于其最大值的 5 %",
    "no_zones": "{name} 在此范围内没有平坦区：这里它的梯度不会消失。",
    "dead_title": "死 ReLU 比例与学习率",
    "dead_lead": "一个 {depth} 个隐藏层、每层 {width} 个单元的网络（Kaiming 初始化，普通 SGD，"
                 "批大小 10）在圆形数据上以每个学习率训练 {epochs} 轮。若一个单元的斜率 f′(z) "
                 "在所有训练点上都恰好为 0，就算它“死”了：它不再向回传梯度，自身的权重也不再改变。"
                 "对 ReLU 来说，这就是在每个点上都有 z ≤ 0；Leaky ReLU 的斜率从不为 0；"
                 "ELU 的斜率 e^z 只有在下溢时才为 0（float64 中 z 约低于 −745）。",
    "computing": "正在训练 {n} 个小网络…",
    "lr": "学习率",
    "dead_axis": "死隐藏单元比例",
    "dead_verdict": "学习率 {lr} 是三者都未发散的最大学习率。在这个学习率下，普通 ReLU 失去了 "
                    "{relu} 的隐藏单元，Leaky ReLU 失去 {leaky_relu}，ELU 失去 {elu}。"
                    "Leaky ReLU 在 z < 0 处的斜率从不为零，被推到零以下的单元仍有梯度，还能恢复。",
    "dead_not_top": "更大的学习率不参与这次比较：那里有训练发散了（列在图下方）。",
    "elu_dead": "ELU 的斜率 e^z 在精确运算中为正，但这么大的步长把 z 推到约 −745 以下，"
                "e^z 即使在 float64 中也舍入为 0：这些单元因饱和而死。",
    "diverged": "以下训练发散（损失变为非有限数）：{runs}。发散训练的柱子说明不了什么。",
    "run": "{act}（学习率 {lr}）",
    "prelu_title": "PReLU：由训练学出来的负斜率",
    "dataset": "数据集",
    "slope0": "初始斜率 a",
    "slope0_help": "z > 0 时 PReLU(z) 为 z，否则为 a·z。a = 0 时起点就是 ReLU，a = 1 时起点是恒等函数"
                   "（整个网络是线性的）；torch 的默认值是 0.25。",
    "prelu_lead": "两个各 8 个单元的隐藏层，每层后接 nn.PReLU，整层单元共用一个斜率 a；用 Adam"
                  "（学习率 0.02，批大小 20）在 200 个点上训练 {steps} 步（随机种子 {seed}）。"
                  "斜率和其他权重一样得到梯度；左图逐步记录每层的 a。",
    "training_prelu": "正在训练 PReLU 网络…",
    "layer_n": "第 {l} 层",
    "slope_title": "每一步之后各层的斜率 a",
    "step": "步数",
    "slope_axis": "斜率 a",
    "prelu_loss_title": "全部训练点上的损失",
    "loss": "损失",
    "m_slope": "{layer}：{steps} 步后的斜率",
    "m_acc": "训练准确率",
    "prelu_below": "斜率小于 0 时单元变成 V 形：z 低于 0 越多，输出反而越大（a = −1 即 |z|），"
                   "于是它反映 z 离 0 有多远，不论在哪一侧——这是任何 ReLU 都做不到的形状。",
    "prelu_above": "斜率大于 1 时单元在 0 左侧比右侧更陡：PReLU 中没有任何机制把 a 限制在 0 到 1 之间。",
    "rrelu_title": "RReLU：训练时斜率随机，测试时取平均斜率",
    "lower": "最小斜率（lower）",
    "upper": "最大斜率（upper）",
    "rrelu_lead": "训练模式下，nn.RReLU 给每个负输入单独乘一个斜率，每次前向传播都重新从 "
                  "U({lower}, {upper}) 中抽取；评估模式下所有负输入都乘平均斜率 "
                  "({lower} + {upper}) / 2 = {mid}。左图：评估模式的输出、一次训练模式的前向传播，"
                  "以及在每个 z 处 1 000 次前向传播中最低和最高的输出。右图：同一个输入的 2 000 个"
                  "训练模式输出。",
    "band_title": "随 z 变化的输出：评估模式与训练模式",
    "s_eval": "评估模式",
    "s_one": "一次训练模式前向传播",
    "s_low": "1 000 次中的最低值",
    "s_high": "1 000 次中的最高值",
    "output": "输出",
    "at_title": "z = {z} 处的 2 000 个训练模式输出",
    "s_draws": "训练模式输出",
    "s_uniform": "均匀分布密度",
    "m_eval": "z = {z} 处评估模式的输出",
    "m_draw_mean": "训练模式输出的均值",
    "m_draw_sd": "它们的标准差",
    "m_exact": "闭式解 (upper − lower)·|z|/√12：{exact}",
    "maxout_title": "Maxout：k 条直线中的最大者拟合凸曲线",
    "power": "目标 |x|^p，p =",
    "power_help": "对任意 p ≥ 1，|x|^p 都是凸函数：p = 1 为 |x|，p = 2 为 x²。",
    "pieces": "分段数 k",
    "maxout_lead": "一个 maxout 单元输出 max(w₁x + b₁, …, wₖx + bₖ)。分段数为 1 到 8 的单元，"
                   "起点是目标函数在 [−1, 1] 的 k 等分各段中点处的切线，再用 Adam 在 {points} 个点上"
                   "对均方误差训练 {steps} 步。左图：k 段单元在起点和训练后的样子。右图：误差随 k 的变化。",
    "training_maxout": "正在拟合 8 个 maxout 单元…",
    "s_target": "目标 |x|^{p}",
    "s_fit": "训练后的 maxout",
    "s_start": "起点的切线",
    "fit_title": "k = {k} 段时的拟合",
    "err_title": "训练后的误差与分段数",
    "s_rms": "均方根误差",
    "s_max": "最大误差",
    "pieces_axis": "分段数 k",
    "err_axis": "误差",
    "m_rms": "均方根误差，k = {k}",
    "m_max": "最大误差，k = {k}",
    "m_used": "用上的分段（在某处是最大者）",
    "used": "{k} 段中的 {used} 段",
    "square_note": "对 x²，k 段等宽直线在整个区间上的最优均方根误差是 (2/k)²/√180 = {best}；"
                   "训练出的单元与它相差不过几个百分点。k 每翻一倍，误差大约缩小为四分之一。",
    "abs_note": "|x| 恰好是 −x 与 x 两条直线中的较大者：从 k = 2 起误差为 0，其余分段毫无贡献。",
    "clt_title": "为什么是高斯：平均值与最大熵",
    "clt_lead": "k 个独立 U(0, 1) 变量的平均值（20 000 个固定种子的样本），与均值 1/2、"
                "方差 1/(12k) 相同的正态密度对比。",
    "x": "k 个均匀变量的平均值",
    "density": "密度",
    "s_sample": "样本",
    "s_normal": "正态密度",
    "m_mean": "样本均值（精确值 0.5）",
    "m_var": "样本方差（精确值 {exact}）",
    "ent_title": "方差为 1 时的微分熵",
    "ent_lead": "在方差给定的所有分布中，高斯分布的微分熵最大：除了均值和方差，它不做任何额外假设。",
    "m_uniform": "均匀分布：log(b − a)",
    "m_laplace": "拉普拉斯分布：1 + log 2b",
    "m_gaussian": "高斯分布：½ log 2πeσ²",
    "why_title": "为什么会这样",
    "why": "**为什么需要非线性激活？** 没有它，多层线性层无论多深都等于一个线性映射："
           "W₂(W₁x) = (W₂W₁)x。正是非线性让深度能够刻画弯曲的决策边界。\n\n"
           "**Sigmoid 与 ReLU。** Sigmoid 的导数最大只有 0.25，在 |z| ≈ 5 之外几乎为 0（阴影区），"
           "所以梯度每穿过一个饱和层就缩小一次；它的输出也全为正，不以 0 为中心。ReLU 在 z > 0 时"
           "导数恒为 1，计算只需一次比较，激活也稀疏，所以深层网络用它训练。\n\n"
           "**死 ReLU 及其变体。** ReLU 在 z < 0 时导数为 0。一次过大的更新可能把某个单元的偏置推得"
           "太低，使它对所有输入都有 z < 0；从此它得不到梯度，一直死着。图中可以看到死单元随学习率"
           "增多。Leaky ReLU（z < 0 时斜率 0.01）和 PReLU（斜率可学习）在左侧保留非零梯度，"
           "不会这样死掉。ELU（e^z − 1，光滑且均值接近 0）和 GELU（z·Φ(z)，光滑，Transformer 常用）"
           "只是把拐角磨圆：z → −∞ 时它们的斜率趋于 0，单元被推到足够低的地方同样学不动。"
           "在 float64 中，ELU 在 z 约低于 −745、GELU 在 z 低于 −38.6 时斜率恰好为 0。"
           "较小的学习率、合适的初始化或归一化也有帮助。\n\n"
           "**可学习的、随机的和多段的斜率。** PReLU 把 0 左侧的斜率变成参数：梯度下降按损失的需要"
           "移动它。He 等人（2015）让每层或每个通道只多学一个数，而且不对它做权重衰减。RReLU 在训练时"
           "随机抽取斜率，这种噪声起正则化作用；测试时换成平均斜率，使预测是确定的。Maxout 更进一步："
           "一个单元取 k 条可学习直线中的最大者，因此它可以是 ReLU（max(0, z)）、Leaky ReLU、|z| "
           "或任意凸的分段线性形状，代价是 k 倍的权重。\n\n"
           "**为什么是高斯？** 两个原因。中心极限定理：许多独立小效应之和接近高斯分布，不论每个效应"
           "本身服从什么分布，直方图在 k ≈ 5 时就已经如此。最大熵：只知道均值和方差时，高斯是假设"
           "最少的选择。它对求和与线性变换也保持封闭，让初始化和噪声的数学易于处理。",
}
