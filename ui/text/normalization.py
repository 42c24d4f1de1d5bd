"""Texts of the Normalization page."""
EN = {
    "title": "Normalization",
    "question": "What does batch normalization do, why does it allow larger learning rates, how "
                "does it behave at test time and with tiny batches, how do layer and group norm "
                "differ, and why normalize input features?",
    "card": "Watch layer outputs with and without batch norm during training, sweep the learning "
            "rate, measure how noisy batch statistics are, compare train and eval mode, and see "
            "feature scaling turn elongated loss contours round.",
    "lead": "Batch norm rescales every feature of a layer with the statistics of the current "
            "minibatch. Below, real networks are trained with and without it, its batch noise "
            "and its running averages are measured, and input scaling is shown on exact loss "
            "contours.",
    "c_train": "Both networks (every section)",
    "epoch": "Epoch shown",
    "epoch_help": "The training runs are kept: moving this only picks which epoch to show.",
    "act": "Activation",
    "lr": "Learning rate (distributions)",
    "seed": "Seed",
    "batch": "Batch size B",
    "groups": "Groups in group norm",
    "groups_help": "Group norm splits the 8 features into this many groups: 1 is layer norm, "
                   "8 is one feature per group (instance norm).",
    "steps": "Training steps",
    "momentum": "Running-average momentum",
    "momentum_help": "Weight of the newest batch in the running averages, as in torch: "
                     "running = (1 − m) · running + m · batch statistic.",
    "scale": "Feature 1 is this many times wider",
    "share": "Step size, as a share of 2/λmax",
    "share_help": "Gradient descent is stable for learning rates below 2/λmax, where λmax is the "
                  "largest curvature. Each map uses this share of its own limit.",
    "gd_steps": "Gradient-descent steps",
    "dist_title": "Layer outputs during training, without and with batch norm",
    "dist_lead": "Two networks with 6 hidden layers of 16 units, identical apart from batch "
                 "norm before each activation, are trained with plain SGD (batch 10) on the "
                 "circle data for {epochs} epochs. Top: the density of each hidden layer's "
                 "outputs over all training points at the chosen epoch. Below: the spread of "
                 "each layer's pre-activation (the activation's input) over the epochs.",
    "training_pair": "Training the two networks (without and with batch norm)",
    "training_sweep": "Training two networks per learning rate (without and with batch norm)",
    "sampling": "Drawing 8 000 batches…",
    "training_one": "Training a small network…",
    "panel_none": "Without batch norm, epoch {epoch}",
    "panel_batch": "With batch norm, epoch {epoch}",
    "h_axis": "layer output",
    "z_std_axis": "std of the pre-activation",
    "layer_n": "layer {l}",
    "density": "density",
    "layer": "layer",
    "m_loss": "training loss at epoch {epoch}",
    "diverged_at": "Training diverged (the loss became non-finite) at epoch {epoch}: the last "
                   "finite epoch is shown.",
    "curve_title": "Training loss per epoch",
    "s_none": "without BN",
    "s_batch": "with BN",
    "epoch_axis": "epoch",
    "loss_axis": "training loss",
    "lr_title": "Learning-rate sweep",
    "lr_lead": "The same two {act} networks, trained for {epochs} epochs at each learning rate. The "
               "bar is the final loss on all training points (batch norm in eval mode).",
    "lr_axis": "learning rate",
    "final_loss": "final training loss",
    "lr_verdict": "Lowest final loss without batch norm: {l0} at learning rate {lr0}; with batch "
                  "norm: {l1} at learning rate {lr1}.",
    "lr_diverged": "Diverged (the loss became non-finite), so no bar: {runs}.",
    "run": "{net} at learning rate {lr}",
    "noise_title": "Batch statistics are noisy, and more so in small batches",
    "noise_lead": "Batches of B values are drawn (1 000 times each) from one fixed, skewed layer "
                  "input. Left: how much the batch mean and the batch variance of one feature "
                  "move from batch to batch, against the closed forms for independent draws "
                  "(σ/√B for the mean). Right: how much one fixed example's normalized value "
                  "changes when only its B − 1 companions change.",
    "spread_title": "Spread of the batch statistics (dots measured, dashes closed form)",
    "s_mean": "mean",
    "s_mean_exact": "σ/√B",
    "s_var": "variance",
    "s_var_exact": "exact var.",
    "batch_axis": "batch size B",
    "sd_axis": "standard deviation over batches",
    "own_title": "One example's output, with other companions",
    "s_bn": "batch norm",
    "s_ln": "layer norm",
    "s_gn": "group norm (G = {g})",
    "own_axis": "standard deviation of its output",
    "m_mean_sd": "sd of the batch mean (B = {b})",
    "m_var_sd": "sd of the batch variance (B = {b})",
    "m_own": "sd of the example's BN output (B = {b})",
    "m_exact": "closed form: {exact}",
    "zero_note": "Layer norm and group norm compute their statistics inside each example, so the "
                 "companions never matter: measured spread {ln} and {gn}, zero up to float "
                 "rounding.",
    "grid_title": "One batch of B = {b} (the first {rows} examples shown), normalized three ways",
    "grid_lead": "Rows are examples, columns the 8 features. Batch norm gives each column mean 0 "
                 "and variance 1; layer norm each row; group norm each row's block of features. "
                 "At B = 2 every batch-normed value is ±1: the feature only says which of the "
                 "two examples is larger.",
    "p_input": "layer input",
    "p_bn": "batch norm",
    "p_ln": "layer norm",
    "p_gn": "group norm, G = {g}",
    "eval_title": "Train mode vs eval mode",
    "eval_lead": "A 3-layer tanh network with batch norm is trained with SGD (batch 16). Left: "
                 "for one unit of the first layer, the mean of each minibatch, the running "
                 "average that eval mode will use, and the true mean over all training points. "
                 "Right: the same 8 test points, as one batch, in train mode (their own batch "
                 "statistics) and in eval mode (running averages).",
    "trace_title": "Batch mean, running average and true mean",
    "s_batch_mean": "minibatch",
    "s_running": "running avg.",
    "s_true": "true mean",
    "step_axis": "step",
    "mean_axis": "pre-activation mean",
    "out_title": "Same inputs, two modes",
    "s_train": "train mode",
    "s_eval": "eval mode",
    "example_axis": "test point",
    "prob_axis": "P(class 1)",
    "m_gap_mean": "mean |running − true| of the means",
    "m_gap_var": "mean |running − true| of the variances",
    "m_gap_out": "mean |train − eval| of the outputs",
    "eval_zero": "No step taken: the running averages still hold their start values (mean 0, "
                 "variance 1), so eval mode normalizes with the wrong statistics.",
    "conv_title": "Batch norm in a convolution layer: per channel, not per position",
    "conv_batch": "Batch size N",
    "conv_size": "Map size H = W",
    "conv_lead": "A convolution layer gives, for each of N examples, C maps of H × W values (here "
                 "C = {c}, N = {n}, H = W = {h}). Every map has a brighter centre, as images "
                 "with a centred object would give, plus noise of its own. nn.BatchNorm2d "
                 "computes one mean and one variance per channel, over all N × H × W values of "
                 "that channel. nn.BatchNorm1d on the flattened maps (N rows of C·H·W features) "
                 "makes every position of every channel a feature of its own, averaged over the "
                 "N examples only.",
    "conv_means_title": "Channel 1: the mean over the {n} examples at each position",
    "conv_example_title": "Channel 1 of example 1",
    "p_maps_in": "input",
    "p_bn2d": "BatchNorm2d (per channel)",
    "p_bn1d": "BatchNorm1d (per position)",
    "counts_title": "BatchNorm2d vs BatchNorm1d on the flattened maps",
    "m_means": "means computed",
    "m_values": "values behind each mean",
    "m_params": "learnable γ and β",
    "two_ways": "{bn2d} vs {bn1d}",
    "conv_note": "BatchNorm2d shifts and scales every position of a channel alike: the bright "
                 "centre survives, and a pattern the filter detects reads the same wherever it "
                 "appears. Normalizing each position on its own sets every position's batch mean "
                 "to 0, so the centre that all examples share is erased; each position also gets "
                 "its own γ and β, and its mean rests on only N values.",
    "undo_title": "The learnable scale γ and shift β can undo the normalization",
    "undo_share": "γ and β: share of the way from (1, 0) to (√(σ² + ε), μ)",
    "undo_help": "0: γ = 1 and β = 0, where nn.BatchNorm1d starts. 1: γ = √(σ² + ε) and "
                 "β = μ, with μ and σ² each feature's own batch mean and (biased) variance.",
    "undo_lead": "Batch norm outputs y = γ·x̂ + β, where x̂ = (x − μ)/√(σ² + ε) is the batch "
                 "normalized feature by feature, with μ and σ² the feature's batch mean and "
                 "variance. Below: a batch of {n} examples with {c} "
                 "features, x̂, γ (top row) and β (bottom row) per feature, and y. With "
                 "γ = √(σ² + ε) and β = μ, y is x again: the layer can learn to leave its "
                 "input as it was, so normalizing costs no expressiveness.",
    "p_x": "input x",
    "p_xhat": "normalized x̂",
    "p_gb": "γ (top), β (bottom)",
    "p_y": "output y = γ·x̂ + β",
    "m_undo_gap": "largest |y − x| at share {share}",
    "learn_title": "Gradient descent finds these values",
    "learn_lead": "An nn.BatchNorm1d starting at γ = 1 and β = 0 is trained with plain SGD "
                  "(learning rate {lr}) to give this batch back (mean squared error between y "
                  "and x). Over {steps} steps, γ and β of feature 1 close in on √(σ² + ε) and "
                  "μ (dashed): the loss is quadratic in γ and β, so each step shrinks the "
                  "remaining gap by the same factor.",
    "s_gamma": "γ (feature 1)",
    "s_beta": "β (feature 1)",
    "s_sigma": "√(σ² + ε), feature 1",
    "s_mu": "μ, feature 1",
    "value_axis": "value",
    "run_title": "Running averages in place of batch statistics during training",
    "run_lr": "Learning rate",
    "run_lead": "Two identical tanh networks (2 hidden layers of 16 units, batch norm before "
                "each tanh) are trained with plain SGD on the same minibatches of 16 circle "
                "points for {steps} steps. One normalizes with each minibatch's own statistics, "
                "as batch norm does in training. The other first folds the minibatch into its "
                "running averages and then normalizes with those, as eval mode would; to the "
                "gradient, they are constants.",
    "training_two": "Training two small networks…",
    "seen_title": "Layer 1's normalized values, per minibatch",
    "s_std_batch": "std, batch",
    "s_std_running": "std, running",
    "s_mean_batch": "|mean|, batch",
    "s_mean_running": "|mean|, running",
    "seen_axis": "before γ and β, averaged over 16 units",
    "bias_title": "Bias of layer 1, before the norm (largest |b|)",
    "s_stats_batch": "batch statistics",
    "s_stats_running": "running averages",
    "bias_axis": "largest |b|",
    "m_run_bias": "largest |b| after {steps} steps",
    "m_run_loss": "mean loss, last {n} steps",
    "lag": "With running averages, the standard deviation of the normalized values first comes "
           "within 10 % of 1 at step {step}; batch statistics give 1 from step 1. The smaller "
           "the momentum, the longer the averages remember where they started (mean 0, "
           "variance 1).",
    "lag_never": "With running averages, the standard deviation of the normalized values never "
                 "came within 10 % of 1 in {steps} steps: at this momentum the averages still "
                 "remember where they started (mean 0, variance 1).",
    "bias_note": "Why the bias moves: a shift shared by the whole minibatch is taken out again by "
                 "its mean, so with batch statistics the bias before the norm gets a zero "
                 "gradient and stays where it started (up to float rounding). Held constant, the "
                 "statistics hide this from the gradient: every step moves the bias, the running "
                 "mean follows, and the next step moves it again. Ioffe & Szegedy (2015) argued "
                 "that such a bias grows without bound while the loss gains nothing, and Ioffe "
                 "(2017, Batch Renormalization) reports that training with moving averages "
                 "made models blow up.",
    "run_diverged": "Training stopped when the loss became non-finite: {runs}.",
    "feat_title": "Input feature scaling: elongated or round loss contours",
    "feat_lead": "A linear model y ≈ w₁x₁ + w₂x₂ + b fitted by least squares; feature 1 has a "
                 "long tail and is {scale} times wider than feature 2. The bias is kept at its "
                 "best value for every (w₁, w₂), so each map is the exact loss over the two "
                 "weights. Plain full-batch gradient descent (a few lines of numpy) starts at w = 0 with "
                 "{share} of its stable limit for {steps} steps.",
    "z": "loss",
    "start": "start",
    "end": "after the last step",
    "k_raw": "Raw features",
    "k_minmax": "Min-max: (x − min) / (max − min)",
    "k_zscore": "Z-score: (x − mean) / std",
    "m_cond": "condition number",
    "m_gap": "excess loss after {steps} steps",
    "lr_used": "learning rate {lr}; minimum at w = ({w1}, {w2})",
    "why_title": "Why it works this way",
    "why": "**What batch norm computes.** For every feature, over the examples of the "
           "minibatch: subtract the batch mean, divide by the batch standard deviation, then "
           "multiply by a learned γ and add a learned β. Whatever the weights before it "
           "do, the activation's input keeps the scale γ chooses: in the spread charts the "
           "batch-norm lines stay near 1 while the others drift as the weights grow. With "
           "sigmoid, try it: without batch norm the layers' outputs are squeezed around 0.5 "
           "and the network barely learns. γ and β give back any scale and shift the network "
           "really needs, so nothing is lost in expressiveness.\n\n"
           "**Why it tolerates larger learning rates.** The original argument is *internal "
           "covariate shift*: every update of the earlier layers moves the distribution the "
           "next layer sees, and normalizing holds it in place. Later work points rather to a "
           "smoother loss: a weight's scale no longer changes the layer's output, so a step "
           "that is too long is not amplified layer after layer. Either way, the sweep shows "
           "where batch norm keeps training at rates that fail without it, on this data and "
           "this network; with ReLU it is not better everywhere.\n\n"
           "**Test time.** A prediction may come alone, and must not depend on the other "
           "inputs. So during training batch norm also keeps running (exponential moving) "
           "averages of the batch means and of the unbiased batch variances, and eval mode "
           "normalizes with those. Until they have settled, or if the data drifts, train and "
           "eval outputs disagree.\n\n"
           "**Convolution layers.** A filter is the same at every position, so batch norm keeps "
           "one mean, one variance, one γ and one β per channel, pooled over the batch and all "
           "positions: a pattern is normalized alike wherever it appears, and each statistic "
           "rests on N·H·W values instead of N. In training the statistics must be the "
           "batch's own and part of the gradient: held fixed, as the running averages are, "
           "they lag behind the weights, and the gradient keeps moving parameters whose effect "
           "the normalization then takes away.\n\n"
           "**Small batches.** A batch mean of B values wanders by σ/√B, and the variance even "
           "more for skewed data. With tiny batches the normalization itself is noise (at B = 2 "
           "each value becomes ±1), and the running averages are averages of noise. Layer norm "
           "(over the features of one example) and group norm (over groups of features of one "
           "example) never use the batch: their output is the same whatever the companions, so "
           "they suit small batches and recurrent networks.\n\n"
           "**Input features.** With least squares the curvature along a weight grows with the "
           "square of its feature's spread. Features of very different scales give long, thin "
           "contours: the condition number (largest over smallest curvature) is large, the "
           "stable step is set by the steep direction, and gradient descent crawls along the "
           "flat one. Min-max scaling equalises the ranges, but a long tail squeezes most values "
           "into a corner of [0, 1]; z-scoring equalises the standard deviations and centres the "
           "features, which makes the contours nearly round, so the gradient points at the "
           "minimum and descent goes almost straight there.",
}

ZH = {
    "title": "归一化",
    "question": "批归一化做了什么？为什么它允许更大的学习率？测试时和批很小时它表现如何？"
                "层归一化与组归一化有何不同？为什么要对输入特征做归一化？",
    "card": "观察训练中有无批归一化时各层输出的分布，扫描学习率，测量批统计量有多嘈杂，"
            "对比训练模式与评估模式，并看特征缩放如何把狭长的损失等高线变圆。",
    "lead": "批归一化用当前小批量的统计量重新缩放一层的每个特征。下面用真实网络分别在有无批归一化时"
            "训练，测量它的批噪声和滑动平均，并在精确的损失等高线上展示输入缩放的作用。",
    "c_train": "两个网络（所有部分共用）",
    "epoch": "显示的轮次",
    "epoch_help": "训练结果会被保留：移动它只是选择显示哪一轮。",
    "act": "激活函数",
    "lr": "学习率（分布图）",
    "seed": "随机种子",
    "batch": "批大小 B",
    "groups": "组归一化的组数",
    "groups_help": "组归一化把 8 个特征分成这么多组：1 组即层归一化，8 组即每组一个特征（实例归一化）。",
    "steps": "训练步数",
    "momentum": "滑动平均的动量",
    "momentum_help": "最新一批在滑动平均中的权重，与 torch 相同："
                     "滑动值 = (1 − m) · 滑动值 + m · 批统计量。",
    "scale": "特征 1 的宽度是特征 2 的倍数",
    "share": "步长占 2/λmax 的比例",
    "share_help": "学习率低于 2/λmax 时梯度下降才稳定，λmax 是最大曲率。每张图都用各自上限的这一比例。",
    "gd_steps": "梯度下降步数",
    "dist_title": "训练中各层的输出：无批归一化与有批归一化",
    "dist_lead": "两个网络都有 6 个隐藏层、每层 16 个单元，唯一的区别是每个激活前是否有批归一化。"
                 "它们用普通 SGD（批大小 10）在圆形数据上训练 {epochs} 轮。上图：所选轮次时每个隐藏层"
                 "在全部训练点上的输出密度。下图：各层预激活（激活函数的输入）的标准差随轮次的变化。",
    "training_pair": "正在训练两个网络（无批归一化与有批归一化）",
    "training_sweep": "正在为每个学习率各训练两个网络（无批归一化与有批归一化）",
    "sampling": "正在抽取 8 000 个批…",
    "training_one": "正在训练一个小网络…",
    "panel_none": "无批归一化，第 {epoch} 轮",
    "panel_batch": "有批归一化，第 {epoch} 轮",
    "h_axis": "层输出",
    "z_std_axis": "预激活的标准差",
    "layer_n": "第 {l} 层",
    "density": "密度",
    "layer": "层",
    "m_loss": "第 {epoch} 轮的训练损失",
    "diverged_at": "训练在第 {epoch} 轮发散（损失变为非有限数）：显示最后一个有限的轮次。",
    "curve_title": "每轮的训练损失",
    "s_none": "无 BN",
    "s_batch": "有 BN",
    "epoch_axis": "轮次",
    "loss_axis": "训练损失",
    "lr_title": "学习率扫描",
    "lr_lead": "同样两个 {act} 网络，在每个学习率下训练 {epochs} 轮。柱子是全部训练点上的最终损失"
               "（批归一化处于评估模式）。",
    "lr_axis": "学习率",
    "final_loss": "最终训练损失",
    "lr_verdict": "无批归一化时最低的最终损失为 {l0}（学习率 {lr0}）；有批归一化时为 {l1}（学习率 {lr1}）。",
    "lr_diverged": "以下训练发散（损失变为非有限数），因此没有柱子：{runs}。",
    "run": "{net}（学习率 {lr}）",
    "noise_title": "批统计量是嘈杂的，批越小越嘈杂",
    "noise_lead": "从一个固定的、偏斜的层输入中抽取 B 个值组成一批（每个 B 抽 1 000 次）。"
                  "左图：某个特征的批均值和批方差在不同批之间波动多大，并与独立抽样的闭式解对比"
                  "（均值为 σ/√B）。右图：固定一个样本，只更换它的 B − 1 个同伴，它的归一化值变化多大。",
    "spread_title": "批统计量的波动（点为实测，虚线为闭式解）",
    "s_mean": "均值",
    "s_mean_exact": "σ/√B",
    "s_var": "方差",
    "s_var_exact": "方差闭式解",
    "batch_axis": "批大小 B",
    "sd_axis": "各批之间的标准差",
    "own_title": "同一个样本在不同同伴下的输出",
    "s_bn": "批归一化",
    "s_ln": "层归一化",
    "s_gn": "组归一化（G = {g}）",
    "own_axis": "其输出的标准差",
    "m_mean_sd": "批均值的标准差（B = {b}）",
    "m_var_sd": "批方差的标准差（B = {b}）",
    "m_own": "该样本 BN 输出的标准差（B = {b}）",
    "m_exact": "闭式解：{exact}",
    "zero_note": "层归一化和组归一化只在每个样本内部计算统计量，所以同伴毫无影响：实测波动为 {ln} 和 {gn}，"
                 "除浮点舍入外为零。",
    "grid_title": "一批 B = {b} 的数据（显示前 {rows} 个样本）的三种归一化",
    "grid_lead": "每行是一个样本，每列是 8 个特征之一。批归一化让每一列均值为 0、方差为 1；"
                 "层归一化让每一行如此；组归一化让每一行中的每组特征如此。B = 2 时批归一化后的每个值"
                 "都是 ±1：这个特征只剩下“两个样本谁更大”这一信息。",
    "p_input": "层输入",
    "p_bn": "批归一化",
    "p_ln": "层归一化",
    "p_gn": "组归一化，G = {g}",
    "eval_title": "训练模式与评估模式",
    "eval_lead": "一个带批归一化的 3 层 tanh 网络用 SGD（批大小 16）训练。左图：第一层某个单元的"
                 "每个小批量的均值、评估模式将使用的滑动平均，以及全部训练点上的真实均值。"
                 "右图：同样 8 个测试点作为一批，分别在训练模式（用它们自己的批统计量）和评估模式"
                 "（用滑动平均）下的输出。",
    "trace_title": "批均值、滑动平均与真实均值",
    "s_batch_mean": "小批量",
    "s_running": "滑动平均",
    "s_true": "真实均值",
    "step_axis": "步数",
    "mean_axis": "预激活的均值",
    "out_title": "相同输入，两种模式",
    "s_train": "训练模式",
    "s_eval": "评估模式",
    "example_axis": "测试点",
    "prob_axis": "P(类别 1)",
    "m_gap_mean": "均值的平均 |滑动 − 真实|",
    "m_gap_var": "方差的平均 |滑动 − 真实|",
    "m_gap_out": "输出的平均 |训练 − 评估|",
    "eval_zero": "还没有训练：滑动平均仍是初始值（均值 0、方差 1），所以评估模式用错误的统计量做归一化。",
    "conv_title": "卷积层中的批归一化：按通道，而不是按位置",
    "conv_batch": "批大小 N",
    "conv_size": "特征图大小 H = W",
    "conv_lead": "卷积层对 N 个样本中的每一个输出 C 张 H × W 的特征图（这里 C = {c}，N = {n}，"
                 "H = W = {h}）。每张图的中心都更亮——就像物体居中的图像会产生的那样——再加上各自的噪声。"
                 "nn.BatchNorm2d 对每个通道只算一个均值和一个方差，用的是该通道全部 N × H × W 个值。"
                 "把特征图展平后用 nn.BatchNorm1d（N 行、C·H·W 个特征），每个通道的每个位置都成了"
                 "单独的特征，只在 N 个样本上求平均。",
    "conv_means_title": "通道 1：每个位置上 {n} 个样本的均值",
    "conv_example_title": "样本 1 的通道 1",
    "p_maps_in": "输入",
    "p_bn2d": "BatchNorm2d（按通道）",
    "p_bn1d": "BatchNorm1d（按位置）",
    "counts_title": "BatchNorm2d 对展平后的 BatchNorm1d",
    "m_means": "计算的均值个数",
    "m_values": "每个均值背后的数值个数",
    "m_params": "可学习的 γ 和 β",
    "two_ways": "{bn2d} 对 {bn1d}",
    "conv_note": "BatchNorm2d 对一个通道的所有位置做同样的平移和缩放：亮的中心保留下来，"
                 "滤波器检测到的模式无论出现在哪里，读数都一样。每个位置单独归一化会把每个位置的批均值"
                 "都变成 0，所有样本共有的中心就被抹掉了；而且每个位置都有自己的 γ 和 β，它的均值只依据 N 个值。",
    "undo_title": "可学习的缩放 γ 和平移 β 能撤销归一化",
    "undo_share": "γ 和 β：从 (1, 0) 走向 (√(σ² + ε), μ) 的比例",
    "undo_help": "0：γ = 1、β = 0，即 nn.BatchNorm1d 的初始值。1：γ = √(σ² + ε)、β = μ，"
                 "其中 μ 和 σ² 是每个特征自己的批均值和（有偏）批方差。",
    "undo_lead": "批归一化输出 y = γ·x̂ + β，其中 x̂ = (x − μ)/√(σ² + ε) 是逐特征归一化后的批，"
                 "μ 和 σ² 是该特征的批均值和批方差。"
                 "下面依次是：{n} 个样本、{c} 个特征的一批数据，x̂，每个特征的 γ（上行）和 β（下行），"
                 "以及 y。当 γ = √(σ² + ε)、β = μ 时，y 又等于 x：这一层可以学会让输入保持原样，"
                 "所以归一化不会损失表达能力。",
    "p_x": "输入 x",
    "p_xhat": "归一化的 x̂",
    "p_gb": "γ（上）、β（下）",
    "p_y": "输出 y = γ·x̂ + β",
    "m_undo_gap": "比例为 {share} 时最大的 |y − x|",
    "learn_title": "梯度下降能找到这些值",
    "learn_lead": "一个从 γ = 1、β = 0 开始的 nn.BatchNorm1d 用普通 SGD（学习率 {lr}）训练，"
                  "目标是把这批数据原样输出（y 与 x 的均方误差）。在 {steps} 步中，特征 1 的 γ 和 β "
                  "逐渐逼近 √(σ² + ε) 和 μ（虚线）：损失是 γ 和 β 的二次函数，所以每一步都把剩下的"
                  "差距缩小同样的倍数。",
    "s_gamma": "γ（特征 1）",
    "s_beta": "β（特征 1）",
    "s_sigma": "√(σ² + ε)，特征 1",
    "s_mu": "μ，特征 1",
    "value_axis": "数值",
    "run_title": "训练时用滑动平均代替批统计量",
    "run_lr": "学习率",
    "run_lead": "两个相同的 tanh 网络（2 个隐藏层，每层 16 个单元，每个 tanh 前有批归一化）用普通 SGD "
                "在同样的、每批 16 个圆形数据点的小批量上训练 {steps} 步。一个用每个小批量自己的统计量归一化，"
                "这是批归一化在训练时的做法。另一个先把小批量并入滑动平均，再用滑动平均归一化，"
                "就像评估模式那样；对梯度来说，这些平均值是常数。",
    "training_two": "正在训练两个小网络…",
    "seen_title": "每个小批量中第 1 层归一化后的值",
    "s_std_batch": "标准差，批",
    "s_std_running": "标准差，滑动",
    "s_mean_batch": "|均值|，批",
    "s_mean_running": "|均值|，滑动",
    "seen_axis": "乘 γ、加 β 之前，16 个单元的平均",
    "bias_title": "第 1 层归一化之前的偏置（最大的 |b|）",
    "s_stats_batch": "批统计量",
    "s_stats_running": "滑动平均",
    "bias_axis": "最大的 |b|",
    "m_run_bias": "{steps} 步后最大的 |b|",
    "m_run_loss": "最后 {n} 步的平均损失",
    "lag": "用滑动平均时，归一化后的值的标准差在第 {step} 步才第一次进入 1 的 10 % 以内；"
           "用批统计量则从第 1 步起就是 1。动量越小，滑动平均越久地记着它们的初始值（均值 0、方差 1）。",
    "lag_never": "用滑动平均时，归一化后的值的标准差在 {steps} 步内始终没有进入 1 的 10 % 以内："
                 "在这个动量下，滑动平均仍记着它们的初始值（均值 0、方差 1）。",
    "bias_note": "偏置为什么会移动：整个小批量共有的平移会被它的均值再减掉，所以用批统计量时，"
                 "归一化之前的偏置梯度为零，一直停在起点（除浮点舍入外）。统计量被当作常数时，"
                 "梯度看不到这一点：每一步都移动偏置，滑动均值跟上，下一步又再移动它。"
                 "Ioffe 和 Szegedy（2015）论证过，这样的偏置会无限增长，而损失毫无改善；"
                 "Ioffe（2017，Batch Renormalization）也报告说，训练时用移动平均会让模型数值爆炸。",
    "run_diverged": "损失变为非有限数时训练停止：{runs}。",
    "feat_title": "输入特征缩放：狭长还是圆的损失等高线",
    "feat_lead": "用最小二乘拟合线性模型 y ≈ w₁x₁ + w₂x₂ + b；特征 1 有长尾，宽度是特征 2 的 {scale} 倍。"
                 "对每个 (w₁, w₂) 偏置都取最优值，所以每张图都是两个权重上的精确损失。"
                 "普通的全批量梯度下降（几行 numpy）从 w = 0 出发，步长取稳定上限的 {share}，走 {steps} 步。",
    "z": "损失",
    "start": "起点",
    "end": "最后一步之后",
    "k_raw": "原始特征",
    "k_minmax": "最小-最大：(x − min) / (max − min)",
    "k_zscore": "Z 分数：(x − 均值) / 标准差",
    "m_cond": "条件数",
    "m_gap": "{steps} 步后的超额损失",
    "lr_used": "学习率 {lr}；最小值位于 w = ({w1}, {w2})",
    "why_title": "为什么会这样",
    "why": "**批归一化算什么。** 对每个特征，在小批量的所有样本上：减去批均值，除以批标准差，"
           "再乘以可学习的 γ、加上可学习的 β。无论前面的权重怎样变化，激活函数的输入都保持 γ 所定的尺度："
           "在标准差图中，有批归一化的曲线始终在 1 附近，而没有它的曲线随权重增大而漂移。"
           "换成 sigmoid 试试：没有批归一化时各层输出被挤在 0.5 附近，网络几乎学不动。"
           "γ 和 β 能还原网络真正需要的缩放和平移，所以表达能力没有损失。\n\n"
           "**为什么能容忍更大的学习率。** 最初的解释是“内部协变量偏移”：前面各层的每次更新都会改变"
           "后一层看到的分布，归一化把它稳住。后来的研究更倾向于损失更平滑：权重的尺度不再改变该层的输出，"
           "过长的一步不会被一层层放大。无论哪种解释，扫描图都显示了在这个数据和这个网络上，"
           "批归一化在哪些学习率下仍能训练而没有它就不行；用 ReLU 时它并非处处更好。\n\n"
           "**测试时。** 预测可能只有一个输入，而且不应依赖其他输入。所以训练时批归一化还维护批均值和"
           "无偏批方差的滑动（指数移动）平均，评估模式用它们做归一化。在它们稳定之前，或者数据分布漂移时，"
           "训练模式和评估模式的输出就会不一致。\n\n"
           "**卷积层。** 滤波器在每个位置都相同，所以批归一化对每个通道只保留一个均值、一个方差、"
           "一个 γ 和一个 β，在整批和所有位置上汇总：同一个模式无论出现在哪里都被同样地归一化，"
           "每个统计量依据 N·H·W 个值而不是 N 个。训练时统计量必须来自当前批，并且参与梯度计算："
           "如果像滑动平均那样被固定住，它们就落后于权重，梯度也会不断移动那些作用随后被归一化抵消的参数。\n\n"
           "**小批量。** B 个值的批均值波动约为 σ/√B，对偏斜的数据，方差的波动更大。批很小时归一化本身"
           "就成了噪声（B = 2 时每个值都变成 ±1），滑动平均也只是噪声的平均。层归一化（在一个样本的所有特征上）"
           "和组归一化（在一个样本的各组特征上）从不使用批：无论同伴是谁，输出都一样，"
           "因此适合小批量和循环网络。\n\n"
           "**输入特征。** 对最小二乘，沿某个权重的曲率随其特征分布宽度的平方增长。尺度差别很大的特征"
           "会产生细长的等高线：条件数（最大曲率除以最小曲率）很大，稳定的步长由陡峭方向决定，"
           "梯度下降只能沿平坦方向慢慢爬。最小-最大缩放让取值范围一致，但长尾会把大多数值挤到 [0, 1] 的一角；"
           "Z 分数让标准差一致并把特征中心化，等高线几乎是圆的，梯度指向最小值，下降几乎直线到达。",
}
