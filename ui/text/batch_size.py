"""Texts of the Batch size page."""
EN = {
    "title": "Batch size",
    "question": "How does the batch size change SGD: how noisy is a minibatch gradient, what do "
                "small and large batches buy, and why scale the learning rate with the batch?",
    "card": "Measure the noise of minibatch gradients against 1/B, train one network with "
            "several batch sizes side by side, follow small- and large-batch SGD on an exact "
            "loss surface, and test the linear scaling rule.",
    "lead": "One network, one dataset, one seed: only the batch size B changes. First how "
            "noisy a gradient of B points is, then what that noise does to training, to the "
            "path of the weights and to the choice of learning rate.",
    "c_noise": "Gradient noise",
    "k": "Measured after k full-batch steps",
    "k_help": "The noise is measured at the network's weights after k steps of full-batch "
              "gradient descent (learning rate {lr}); k = 0 is the initialisation.",
    "c_data": "Data and network",
    "dataset": "Dataset",
    "seed": "Seed",
    "c_train": "Training side by side",
    "batches": "Batch sizes B",
    "lr": "Learning rate",
    "epochs": "Epochs",
    "bn": "BatchNorm in the hidden layers",
    "bn_help": "Each hidden layer normalises with the statistics of the current minibatch "
               "while training and with running averages when evaluated: the losses and "
               "accuracies in the table are evaluated that way, as at test time.",
    "need_one": "Choose at least one batch size: showing B = {b}.",
    "c_paths": "Paths of a 2-parameter model",
    "small": "Small batch",
    "large": "Large batch",
    "plr": "Learning rate (small batch)",
    "pep": "Epochs",
    "lin": "Linear scaling: large-batch rate × B_large / B_small",
    "lin_help": "The linear scaling rule: multiply the learning rate by k when the batch grows "
                "k times, so that an epoch moves the weights about as far.",
    "noise_title": "How noisy is a minibatch gradient?",
    "noise_lead": "All {n} training points give per-example gradients $g_1, \\dots, g_N$ of "
                  "the network (a tanh MLP, {depth} hidden layers of {width}); their mean $g$ is "
                  "the full gradient. A minibatch gradient $g_B$ averages B of them, drawn "
                  "without replacement as an epoch's shuffle does. Dots: the mean of "
                  "$\\lVert g_B - g \\rVert^2$ over {draws} drawn minibatches. Line: the exact "
                  "value tr Σ / B · (N − B) / (N − 1), "
                  "with Σ the covariance of the $g_i$. Dashed: tr Σ / B, the 1/B law of sampling "
                  "with replacement.",
    "measuring": "Measuring per-example gradients at {count} points of training",
    "s_measured": "measured (drawn minibatches)",
    "s_exact": "exact, without replacement",
    "s_repl": "tr Σ / B (with replacement)",
    "batch_axis": "batch size B",
    "var_axis": "E ‖g_B − g‖²",
    "m_signal": "signal ‖g‖²",
    "m_trace": "noise at B = 1: tr Σ",
    "m_scale": "noise scale tr Σ / ‖g‖²",
    "m_loss": "training loss here",
    "noise_full": "At B = N = {n} every minibatch is the whole training set, so the variance is "
                  "exactly 0: a log axis cannot draw it.",
    "verdict_noise": "Here the noise of a minibatch gradient equals the signal ‖g‖² at "
                     "B ≈ {balance}. Below that size a minibatch gradient is more noise than "
                     "signal and every doubling of B is a clear gain; above it the direction is "
                     "already mostly right, so a larger batch mostly adds computation. Move k: "
                     "as training goes on, ‖g‖ tends to shrink while the per-example spread does "
                     "not, so this batch size tends to grow.",
    "train_title": "The same network trained with several batch sizes",
    "train_lead": "A tanh MLP ({depth} hidden layers of {width}) on {n} training points, plain "
                  "SGD at learning rate {lr} for {epochs} epochs, the same initial weights and "
                  "the same data for every B. An epoch has N / B steps, so B = 1 makes {n} "
                  "updates per epoch and B = {n} makes one.",
    "training": "Training with B = {b}",
    "step_title": "Training loss by step",
    "epoch_title": "Training loss by epoch",
    "step_axis": "optimizer steps (log)",
    "epoch_axis": "epochs",
    "loss_axis": "training loss",
    "s_batch": "B = {b}",
    "time_title": "Wall time per epoch",
    "time_lead": "One epoch (N / B steps and one evaluation on all the data) on this server, "
                 "the fastest of two: a tiny network costs about the same per step whatever B, "
                 "so fewer, larger steps finish an epoch sooner. Timings depend on the machine "
                 "and its load.",
    "time_axis": "ms per epoch (log)",
    "s_ms": "ms per epoch",
    "col_b": "B",
    "col_steps": "steps per epoch",
    "col_total": "steps in all",
    "col_loss": "training loss",
    "col_test": "test loss",
    "col_acc": "test accuracy",
    "col_ms": "ms per epoch",
    "bn_dropped": "BatchNorm needs at least 2 points per minibatch to compute a variance: "
                  "B = 1 is left out.",
    "diverged": "B = {b} diverged at step {step}: the loss became inf or NaN, so its curve "
                "stops there.",
    "path_title": "Small against large batches on an exact loss surface",
    "path_lead": "Logistic regression without bias has exactly two weights (w₁, w₂), so its "
                 "loss on all {n} points (two Gaussian classes mirrored through the origin) "
                 "can be drawn exactly. Both runs start at the cross and use torch.optim.SGD "
                 "for the same number of epochs; the diamond is the minimum. Axes: x = w₁, y = w₂.",
    "s_path": "B = {b}, lr {lr}",
    "z": "loss",
    "step": "step",
    "loss": "loss",
    "start": "start",
    "minimum": "minimum",
    "path_training": "Running SGD with the small and the large batch",
    "gap_title": "Loss above the minimum by epoch",
    "gap_axis": "loss − minimum (log)",
    "col_run": "run",
    "m_gap": "loss above minimum",
    "m_dist": "distance to minimum",
    "left_map": "The run {name} left the map (its largest weight reached {w}): the step is too "
                "large for this curvature.",
    "path_diverged": "The run {name} diverged: the weights became inf or NaN.",
    "grid_title": "Learning rate against batch size",
    "grid_lead": "The network above trained for {epochs} epochs on every pair of learning rate "
                 "and batch size: each cell is the final training loss. Moving one cell up and "
                 "one to the right doubles both, so every diagonal keeps lr / B fixed; "
                 "the framed one is lr / B = {ratio}.",
    "grid_training": "Training the {cells} networks of the grid",
    "grid_lr": "learning rate",
    "grid_b": "batch size B",
    "grid_value": "training loss",
    "grid_diag": "Along the framed diagonal: {values}.",
    "diag_item": "B = {b}, lr {lr}: {loss}",
    "diag_sep": "; ",
    "cell_diverged": "diverged",
    "why_title": "Why it works this way",
    "why": "**What the batch size decides.** A minibatch gradient is an average of B "
           "per-example gradients, so its variance falls like 1/B (exactly "
           "tr Σ / B · (N − B)/(N − 1) when an epoch draws without replacement, the first "
           "chart). Its standard deviation falls only like 1/√B: four times the data per step "
           "for half the noise, which is why a larger batch is more accurate but the return is "
           "less than linear.\n\n"
           "**Small batches.** Noisy steps, but many of them: per epoch, B = 1 updates the "
           "weights N times. Counted in epochs they usually learn fastest (the epoch chart), and "
           "the noise keeps them moving around a minimum instead of settling (the path map). "
           "That noise acts as a regulariser and small batches often generalise better; one "
           "explanation is that noisy SGD cannot stay in a sharp, narrow minimum and ends in a "
           "flat one, where a small shift between training and test data changes the loss "
           "little. The price: little parallel work per step, so the hardware idles, and a "
           "learning rate that must stay small for stability.\n\n"
           "**Large batches.** Accurate gradients, and on parallel hardware a step of many "
           "points costs about as much as a step of few, so an epoch is quick (the wall-time "
           "chart). But an epoch has only N / B updates: at the same learning rate a large "
           "batch makes little progress per epoch. Past the noise scale the gradient hardly "
           "improves and a larger batch only costs more memory and computation.\n\n"
           "**The linear scaling rule.** When B grows k times, multiply the learning rate by k: "
           "one large step then does about what k small steps did, and the training loss after "
           "a fixed number of epochs stays about the same (the diagonals of the grid). It only "
           "holds while the rate stays below the stability limit set by the curvature (about "
           "2 / λ_max for gradient descent) and while k small steps behave like one big one; "
           "beyond that the loss gets worse or training diverges (the top left of the grid, and "
           "the linear-scaling toggle of the path map). In practice large-batch training adds a "
           "warm-up of the learning rate.\n\n"
           "**Too small with BatchNorm.** BatchNorm normalises with the mean and variance of the "
           "current minibatch. With B = 1 there is no variance at all, and with a handful of "
           "points the statistics are noisy, so training sees a different normalisation at "
           "every step and the running averages used at test time fit poorly. Layer "
           "normalisation or group normalisation do not depend on the batch.\n\n"
           "**In practice.** Powers of two between 32 and 256 are common because they fit the "
           "hardware; start there, scale the learning rate with the batch, and prefer more "
           "epochs of smaller batches when generalisation matters more than wall time.",
}

ZH = {
    "title": "批大小",
    "question": "批大小如何改变 SGD？小批量梯度有多少噪声？小批量和大批量各有什么好处？"
                "为什么学习率要随批大小缩放？",
    "card": "对照 1/B 测量小批量梯度的噪声，用几种批大小并排训练同一个网络，在精确的损失曲面上"
            "跟踪小批量与大批量 SGD 的轨迹，并检验线性缩放规则。",
    "lead": "同一个网络、同一份数据、同一个随机种子，只改变批大小 B。先看 B 个样本的梯度有多少"
            "噪声，再看这些噪声对训练、对权重的轨迹以及对学习率选择的影响。",
    "c_noise": "梯度噪声",
    "k": "在 k 步全批量训练之后测量",
    "k_help": "噪声在网络经过 k 步全批量梯度下降（学习率 {lr}）后的权重处测量；k = 0 即初始化时。",
    "c_data": "数据与网络",
    "dataset": "数据集",
    "seed": "随机种子",
    "c_train": "并排训练",
    "batches": "批大小 B",
    "lr": "学习率",
    "epochs": "轮数",
    "bn": "隐藏层使用 BatchNorm",
    "bn_help": "训练时每个隐藏层用当前小批量的统计量做归一化，评估时用滑动平均；表中的损失和准确率"
               "都按这种方式评估，与测试时相同。",
    "need_one": "请至少选择一个批大小：现显示 B = {b}。",
    "c_paths": "二参数模型的轨迹",
    "small": "小批量",
    "large": "大批量",
    "plr": "学习率（小批量）",
    "pep": "轮数",
    "lin": "线性缩放：大批量学习率 × B_large / B_small",
    "lin_help": "线性缩放规则：批大小扩大 k 倍时学习率也乘以 k，使一轮训练中权重移动的距离大致相同。",
    "noise_title": "小批量梯度有多少噪声？",
    "noise_lead": "全部 {n} 个训练点给出网络（tanh MLP，{depth} 个隐藏层，每层 {width} 个单元）的"
                  "逐样本梯度 $g_1, \\dots, g_N$，它们的平均 $g$ 就是全量梯度。小批量梯度 $g_B$ 是其中 B 个的平均，"
                  "像每轮打乱那样不放回地抽取。圆点：{draws} 次抽样的 $\\lVert g_B - g \\rVert^2$ 的平均。实线：精确值 "
                  "tr Σ / B · (N − B) / (N − 1)，Σ 是 $g_i$ 的协方差。虚线：tr Σ / B，即放回抽样的 1/B 规律。",
    "measuring": "正在训练过程中的 {count} 个位置测量逐样本梯度",
    "s_measured": "实测（抽取的小批量）",
    "s_exact": "精确值（不放回）",
    "s_repl": "tr Σ / B（放回）",
    "batch_axis": "批大小 B",
    "var_axis": "E ‖g_B − g‖²",
    "m_signal": "信号 ‖g‖²",
    "m_trace": "B = 1 时的噪声 tr Σ",
    "m_scale": "噪声尺度 tr Σ / ‖g‖²",
    "m_loss": "此处的训练损失",
    "noise_full": "当 B = N = {n} 时，每个小批量都是整个训练集，方差恰好为 0，对数坐标无法画出。",
    "verdict_noise": "这里小批量梯度的噪声在 B ≈ {balance} 时与信号 ‖g‖² 相等。小于这个批大小时，"
                     "小批量梯度的噪声大于信号，B 每加倍一次都有明显的收益；大于它时，方向已经大体"
                     "正确，更大的批量主要只是增加计算量。拖动 k：随着训练进行，‖g‖ 往往变小，"
                     "而逐样本梯度的离散程度并不减小，所以这个批大小往往会变大。",
    "train_title": "用几种批大小训练同一个网络",
    "train_lead": "一个 tanh MLP（{depth} 个隐藏层，每层 {width} 个单元）在 {n} 个训练点上，用普通 SGD、"
                  "学习率 {lr} 训练 {epochs} 轮；每个 B 都用相同的初始权重和相同的数据。一轮有 N / B 步，"
                  "所以 B = 1 每轮更新 {n} 次，B = {n} 每轮只更新一次。",
    "training": "正在用 B = {b} 训练",
    "step_title": "按步数的训练损失",
    "epoch_title": "按轮数的训练损失",
    "step_axis": "优化步数（对数）",
    "epoch_axis": "轮数",
    "loss_axis": "训练损失",
    "s_batch": "B = {b}",
    "time_title": "每轮耗时",
    "time_lead": "在本服务器上跑一轮（N / B 步加一次全数据评估）的时间，取两次中较快的一次。"
                 "小网络每一步的开销几乎与 B 无关，所以步数少、批量大的一轮结束得更快。"
                 "耗时取决于机器及其负载。",
    "time_axis": "每轮毫秒数（对数）",
    "s_ms": "每轮毫秒数",
    "col_b": "B",
    "col_steps": "每轮步数",
    "col_total": "总步数",
    "col_loss": "训练损失",
    "col_test": "测试损失",
    "col_acc": "测试准确率",
    "col_ms": "每轮毫秒数",
    "bn_dropped": "BatchNorm 每个小批量至少需要 2 个样本才能计算方差，因此去掉了 B = 1。",
    "diverged": "B = {b} 在第 {step} 步发散：损失变成 inf 或 NaN，曲线在那里终止。",
    "path_title": "在精确的损失曲面上比较小批量与大批量",
    "path_lead": "无偏置的逻辑回归只有两个权重 w₁ 和 w₂，所以它在全部 {n} 个点（关于原点对称的两类"
                 "高斯数据）上的损失可以精确画出。两次训练都从叉号出发，用 torch.optim.SGD 训练相同的"
                 "轮数；菱形是最小值点。横轴 x = w₁，纵轴 y = w₂。",
    "s_path": "B = {b}，lr {lr}",
    "z": "损失",
    "step": "步",
    "loss": "损失",
    "start": "起点",
    "minimum": "最小值",
    "path_training": "正在分别用小批量和大批量运行 SGD",
    "gap_title": "按轮数的损失与最小值之差",
    "gap_axis": "损失 − 最小值（对数）",
    "col_run": "训练",
    "m_gap": "高出最小值",
    "m_dist": "到最小值的距离",
    "left_map": "{name} 跑出了图外（最大的权重达到 {w}）：对这里的曲率来说步长太大了。",
    "path_diverged": "{name} 发散了：权重变成了 inf 或 NaN。",
    "grid_title": "学习率与批大小",
    "grid_lead": "上面的网络对每一对学习率和批大小都训练 {epochs} 轮，每个格子是最终的训练损失。"
                 "向上一格再向右一格，两者都翻倍，所以每条对角线上 lr / B 不变；加框的一条是 "
                 "lr / B = {ratio}。",
    "grid_training": "正在训练网格中的 {cells} 个网络",
    "grid_lr": "学习率",
    "grid_b": "批大小 B",
    "grid_value": "训练损失",
    "grid_diag": "沿加框的对角线：{values}。",
    "diag_item": "B = {b}、lr {lr}：{loss}",
    "diag_sep": "；",
    "cell_diverged": "发散",
    "why_title": "为什么会这样",
    "why": "**批大小决定了什么。** 小批量梯度是 B 个逐样本梯度的平均，所以它的方差按 1/B 下降"
           "（每轮不放回抽取时精确地等于 tr Σ / B · (N − B)/(N − 1)，见第一张图）。标准差只按 1/√B "
           "下降：每步用四倍的数据只换来一半的噪声，所以大批量更准确，但回报低于线性。\n\n"
           "**小批量。** 每一步有噪声，但步数多：B = 1 时每轮更新 N 次。按轮数计，它们通常学得最快"
           "（按轮数的图），噪声也让它们在最小值附近不停移动而不是停下来（轨迹图）。这种噪声起到"
           "正则化作用，小批量往往泛化更好；一种解释是，带噪声的 SGD 停不住在尖锐狭窄的极小值里，"
           "最后落在平坦的极小值中，训练数据与测试数据之间的小偏移在那里只让损失变化很小。代价是："
           "每一步的并行工作很少，硬件空闲；为了稳定，学习率也必须保持较小。\n\n"
           "**大批量。** 梯度准确，而且在并行硬件上，一步算很多样本和算几个样本的开销差不多，所以"
           "一轮很快（耗时图）。但一轮只有 N / B 次更新：在相同学习率下，大批量每轮的进展很小。"
           "超过噪声尺度之后，梯度几乎不再变准，更大的批量只会消耗更多内存和计算。\n\n"
           "**线性缩放规则。** B 扩大 k 倍时学习率也乘以 k：一次大步约等于 k 次小步，训练固定轮数后"
           "的损失大致不变（网格的对角线）。它只在两个条件下成立：学习率低于由曲率决定的稳定上限"
           "（梯度下降约为 2 / λ_max），并且 k 次小步的效果接近一次大步；超出之后损失变差甚至发散"
           "（网格的左上角，以及轨迹图的线性缩放开关）。实践中大批量训练还会加上学习率预热。\n\n"
           "**配合 BatchNorm 时批量太小。** BatchNorm 用当前小批量的均值和方差做归一化。B = 1 时根本"
           "没有方差；只有几个样本时统计量噪声很大，训练时每一步看到的归一化都不同，测试时使用的滑动"
           "平均也不够准确。Layer Normalization 或 Group Normalization 不依赖批大小。\n\n"
           "**实践中。** 常用 32 到 256 之间的 2 的幂，因为它们适合硬件；从这里开始，让学习率随批大小"
           "缩放；当泛化比耗时更重要时，宁可用更小的批量多训练几轮。",
}
