"""Texts of the Optimizer paths page."""
EN = {
    "title": "Optimizer paths",
    "question": "Why does gradient descent crawl on an ill-conditioned problem or near a saddle "
                "point, and what do momentum, Adam and Newton's method change?",
    "card": "Up to six real torch.optim optimizers race on exact 2-D functions: zigzags, "
            "overshoot, saddles and preconditioning on one map.",
    "lead": "Every path below is a real `torch.optim` optimizer stepping on a 2-D function whose "
            "minima are known exactly.  \nPick a function and up to six optimizers, click on the "
            "map to move the start, and scrub through the steps.",
    "g_function": "Function",
    "g_optim": "Optimizers",
    "g_noise": "Gradient noise",
    "g_view": "View",
    "function": "Function",
    "kappa": "Condition number κ",
    "kappa_help": "Ratio of the largest to the smallest curvature (Hessian eigenvalue). The "
                  "curvatures are κ along the rotated axis and 1 across it.",
    "angle": "Rotation (degrees)",
    "precondition": "Precondition (round the contours)",
    "precondition_help": "Run on g(z) = f(√κ·H^-1/2 z): the same bowl seen in rescaled "
                         "coordinates, where every direction has the steepest curvature κ.",
    "optimizers": "Optimizers (up to 6)",
    "optimizers_help": "momentum and nesterov are SGD with momentum; newton steps by "
                       "−lr·|H|⁻¹∇f (see the notes below).",
    "lr": "Learning rate",
    "lr_help": "The same learning rate for every optimizer (Newton: 1 is the full step).",
    "momentum": "Momentum / β₁",
    "momentum_help": "Momentum of momentum and nesterov; β₁ of adam, adamw, adamax and nadam.",
    "beta2": "β₂",
    "beta2_help": "Decay of the squared-gradient average in adam, adamw, adamax and nadam.",
    "schedule": "Learning-rate schedule",
    "steps": "Steps",
    "start_x": "Start x",
    "start_y": "Start y",
    "start_help": "Or click on the map.",
    "noise": "Noise of one example's gradient (σ)",
    "noise_help": "0 = exact gradients. Otherwise each step adds noise of std σ/√batch to "
                  "each gradient component: the spread of a minibatch mean.",
    "batch": "Batch size",
    "seed": "Seed",
    "logc": "Log colour scale",
    "at": "Step shown on the map",
    "none_chosen": "Choose at least one optimizer in the sidebar.",
    "diverged": "**{name}** diverged at step {step}: the point flew off to infinity. Lower the "
                "learning rate.",
    "diverged_unbounded": "**{name}** left the map for good at step {step}: this function has "
                          "no minimum, it falls without end.",
    "reached": "**{name}** came within 0.001 of a minimum at step {step}.",
    "not_reached": "**{name}** is {dist} from the nearest minimum after {steps} steps.",
    "escaped": "**{name}**: {steps} steps, loss {loss}.",
    "map_title": "The function and the paths",
    "map_note": "Contours: lines of equal height. Cross: the start; diamonds: the minima; dots: "
                "where each path is at step {step}.",
    "pre_note": "Preconditioned: the map shows the coordinates z = M·x with M = H^1/2/√κ, in which "
                "the contours are circles. The start (x, y) = ({x:.2f}, {y:.2f}) becomes "
                "z = ({zx:.2f}, {zy:.2f}).",
    "pick_off": "The map is not clickable while preconditioned: set the start with the sliders.",
    "z": "f(x, y)",
    "start": "start",
    "minimum": "minimum",
    "step": "step",
    "loss": "loss",
    "gap_title": "Loss above the minimum",
    "gap_axis": "f − f(minimum) (log)",
    "loss_title": "Loss",
    "loss_axis": "f(x, y)",
    "dist_title": "Distance to the nearest minimum",
    "dist_axis": "distance (log)",
    "no_minima": "This function has no minimum, so there is no distance to chart: it goes down "
                 "without end away from the saddle.",
    "inspect_title": "The point under inspection",
    "inspect_which": "Path to inspect",
    "inspect_where": "Step {step} of {name}: ({x}, {y}).",
    "inspect_start": "The start point: ({x}, {y}).",
    "inspect_gone": "{name} had diverged before step {step}: nothing to inspect.",
    "m_value": "f",
    "m_grad": "‖∇f‖",
    "m_eig": "Hessian eigenvalues",
    "m_cond": "Condition number",
    "kind_minimum": "Both curvatures are positive: a bowl. Near here the point is at or heading "
                    "to a **minimum**.",
    "kind_maximum": "Both curvatures are negative: a **maximum**, every direction leads down.",
    "kind_saddle": "One curvature up, one down: a **saddle**. Where the gradient is also small, "
                   "plain gradient descent lingers.",
    "kind_flat": "A curvature is zero: the function is **flat** to second order in one direction "
                 "(a degenerate point; the Hessian cannot decide).",
    "grad_vec": "Gradient ∇f = ({gx}, {gy})",
    "table_title": "The numbers behind the charts",
    "seed_note": "Seed {seed}: the gradient noise is drawn from it, so the same link always "
                 "draws the same paths.",
    "sr_title": "Every schedule on one network",
    "sr_lead": "The Training page's network (two hidden layers of 4 tanh units, SGD, minibatches "
               "of 10, the circle data) trained for {epochs} epochs from the same initial "
               "weights and the same minibatches under each schedule, each stretched over those "
               "epochs.",
    "sr_lr": "Learning rate (network)",
    "sr_epochs": "Epochs",
    "sr_computing": "Training the network under {n} schedules…",
    "sr_rate_title": "The rate each schedule gives",
    "sr_rate_axis": "learning rate",
    "sr_loss_title": "The training loss it reaches",
    "sr_loss_axis": "training loss",
    "sr_loss_axis_log": "training loss (log)",
    "sr_epoch": "epoch",
    "sr_verdict": "After {epochs} epochs the lowest training loss is {best}'s, {low}; a constant "
                  "rate ends at {constant}.",
    "sr_verdict_gone": "After {epochs} epochs the lowest training loss is {best}'s, {low}; a "
                       "constant rate diverged.",
    "sr_diverged": "Diverged (the loss became non-finite): {names}.",
    "why_title": "Why it happens",
    "why": """
**Interview questions:** *What is ill-conditioning and how do you fight it? What is a saddle
point, and why is it a problem in high dimensions? Why do momentum and Adam train faster than
plain SGD? Why not use Newton's method?*

- **Ill-conditioning.** The condition number κ is the largest curvature divided by the
  smallest (Hessian eigenvalues). Gradient descent must keep lr below 2 / (largest curvature) or
  it blows up along the steep direction; with such an lr, the flat direction shrinks only by
  a factor 1 − lr·(smallest curvature) per step, so it needs about κ steps. On the map: a
  zigzag across the narrow valley and a slow crawl along it.
- **Preconditioning.** Rescaling the coordinates so the contours become circles (multiplying
  the gradient by H⁻¹, or whitening the inputs) makes every direction equally steep: the lr
  that was safe for the steep direction now finishes every direction in a few steps. Newton's
  method is that preconditioner, recomputed at every point.
- **Momentum.** The heavy ball keeps a running sum of past gradients: along the valley they
  agree and add up, across it they alternate and cancel. Well tuned, the error shrinks by
  (√κ − 1)/(√κ + 1) per step instead of (κ − 1)/(κ + 1). Too much momentum overshoots and
  spirals around the minimum.
- **Adaptive methods.** Adagrad, RMSprop and Adam divide each coordinate's step by a running
  size of its gradients. That fixes a badly scaled problem only when the valley lies along
  the axes: rotate the quadratic and watch Adam lose its advantage.
- **Saddle points.** The gradient vanishes there but the Hessian has curvatures of both signs.
  Starting just off the ridge, gradient descent slides in and waits until the tiny sideways
  component grows; noise or Adam's per-coordinate scaling get out faster. Plain Newton jumps
  *onto* a saddle (it seeks any zero of the gradient), so this page's Newton uses |H|, the
  "saddle-free" variant of Dauphin et al. (2014). In high dimensions most critical points are
  saddles, which is why this matters for networks.
- **Learning rate, schedule, batch size.** A minibatch gradient is the true gradient plus
  noise whose spread falls as 1/√batch. With a constant lr the point keeps bouncing around the
  minimum; a decaying schedule lets it settle.

**Try:** the quadratic at κ = 100 with sgd (zigzag), then momentum; rotate it by 45° and compare
adam; switch on Precondition; the saddle with sgd, adam and newton; momentum 0.99 on the
quadratic (overshoot); Rosenbrock with lr 0.001; noise σ = 3 with batch 1, then 64, then a
cosine schedule.
""",
}

ZH = {
    "title": "优化器轨迹",
    "question": "为什么在病态问题上或鞍点附近，梯度下降走得很慢？动量、Adam 和牛顿法又改变了什么？",
    "card": "最多六个真实的 torch.optim 优化器在已知答案的二维函数上同场比赛：之字形、冲过头、鞍点和预条件，尽在一张图上。",
    "lead": "下面每条轨迹都是一个真实的 `torch.optim` 优化器在二维函数上一步步走出来的，这些函数的极小值都精确已知。  \n"
            "选一个函数和最多六个优化器，点击地图改变起点，再拖动步数查看过程。",
    "g_function": "函数",
    "g_optim": "优化器",
    "g_noise": "梯度噪声",
    "g_view": "显示",
    "function": "函数",
    "kappa": "条件数 κ",
    "kappa_help": "最大曲率与最小曲率（Hessian 特征值）之比。沿旋转后的轴曲率为 κ，垂直方向为 1。",
    "angle": "旋转角度（度）",
    "precondition": "预条件（把等高线变圆）",
    "precondition_help": "改为优化 g(z) = f(√κ·H^-1/2 z)：同一个碗换了坐标来看，每个方向的曲率都等于最陡的 κ。",
    "optimizers": "优化器（最多 6 个）",
    "optimizers_help": "momentum 和 nesterov 是带动量的 SGD；newton 每步走 −lr·|H|⁻¹∇f（见下方说明）。",
    "lr": "学习率",
    "lr_help": "所有优化器使用同一个学习率（牛顿法取 1 即完整的一步）。",
    "momentum": "动量 / β₁",
    "momentum_help": "momentum 和 nesterov 的动量系数；adam、adamw、adamax、nadam 的 β₁。",
    "beta2": "β₂",
    "beta2_help": "adam、adamw、adamax、nadam 中梯度平方滑动平均的衰减系数。",
    "schedule": "学习率调度",
    "steps": "步数",
    "start_x": "起点 x",
    "start_y": "起点 y",
    "start_help": "也可以直接点击地图。",
    "noise": "单个样本梯度的噪声（σ）",
    "noise_help": "0 表示精确梯度。否则每一步给梯度的每个分量加上标准差为 σ/√批大小 的噪声，"
                  "即小批量平均梯度的波动。",
    "batch": "批大小",
    "seed": "随机种子",
    "logc": "对数色标",
    "at": "地图上显示的步数",
    "none_chosen": "请在侧边栏至少选择一个优化器。",
    "diverged": "**{name}** 在第 {step} 步发散：点飞向了无穷远。请调小学习率。",
    "diverged_unbounded": "**{name}** 在第 {step} 步彻底离开了地图：这个函数没有极小值，会一直往下降。",
    "reached": "**{name}** 在第 {step} 步进入某个极小值 0.001 的范围内。",
    "not_reached": "**{name}** 走完 {steps} 步后，离最近的极小值还有 {dist}。",
    "escaped": "**{name}**：{steps} 步，损失 {loss}。",
    "map_title": "函数与轨迹",
    "map_note": "等高线连接高度相同的点。十字是起点，菱形是极小值，圆点是各条轨迹在第 {step} 步所在的位置。",
    "pre_note": "已预条件：地图显示坐标 z = M·x，其中 M = H^1/2/√κ，在这组坐标下等高线是圆。"
                "起点 (x, y) = ({x:.2f}, {y:.2f}) 变为 z = ({zx:.2f}, {zy:.2f})。",
    "pick_off": "预条件模式下不能点击地图选起点，请用滑块设置。",
    "z": "f(x, y)",
    "start": "起点",
    "minimum": "极小值",
    "step": "步",
    "loss": "损失",
    "gap_title": "损失高出极小值多少",
    "gap_axis": "f − f(极小值)（对数轴）",
    "loss_title": "损失",
    "loss_axis": "f(x, y)",
    "dist_title": "到最近极小值的距离",
    "dist_axis": "距离（对数轴）",
    "no_minima": "这个函数没有极小值，所以没有距离可画：离开鞍点后它会一直往下降。",
    "inspect_title": "正在查看的点",
    "inspect_which": "查看哪条轨迹",
    "inspect_where": "{name} 的第 {step} 步：({x}, {y})。",
    "inspect_start": "起点：({x}, {y})。",
    "inspect_gone": "{name} 在第 {step} 步之前已经发散，没有可查看的点。",
    "m_value": "f",
    "m_grad": "‖∇f‖",
    "m_eig": "Hessian 特征值",
    "m_cond": "条件数",
    "kind_minimum": "两个曲率都为正：这是一个碗。此处的点位于或正走向一个**极小值**。",
    "kind_maximum": "两个曲率都为负：这是一个**极大值**，往哪个方向走都是下坡。",
    "kind_saddle": "一个曲率向上、一个向下：这是**鞍点**附近。如果梯度也很小，普通梯度下降会在这里徘徊很久。",
    "kind_flat": "有一个曲率为零：函数在某个方向上到二阶都是**平的**（退化点，Hessian 无法判断）。",
    "grad_vec": "梯度 ∇f = ({gx}, {gy})",
    "table_title": "图表背后的数值",
    "seed_note": "随机种子 {seed}：梯度噪声由它生成，所以同一个链接总是画出同样的轨迹。",
    "sr_title": "同一个网络，换不同的学习率调度",
    "sr_lead": "训练场页面的网络（两个各有 4 个 tanh 单元的隐藏层，SGD，小批量大小 10，圆环数据）"
               "从相同的初始权重、按相同的小批量顺序训练 {epochs} 轮，每种调度都铺满这 {epochs} 轮。",
    "sr_lr": "学习率（网络）",
    "sr_epochs": "轮数",
    "sr_computing": "正在用 {n} 种调度训练网络……",
    "sr_rate_title": "各调度给出的学习率",
    "sr_rate_axis": "学习率",
    "sr_loss_title": "训练损失",
    "sr_loss_axis": "训练损失",
    "sr_loss_axis_log": "训练损失（对数轴）",
    "sr_epoch": "轮次",
    "sr_verdict": "{epochs} 轮后训练损失最低的是{best}：{low}；恒定学习率最后为 {constant}。",
    "sr_verdict_gone": "{epochs} 轮后训练损失最低的是{best}：{low}；恒定学习率已发散。",
    "sr_diverged": "已发散（损失变为非有限值）：{names}。",
    "why_title": "原因",
    "why": """
**对应的面试题：** *什么是病态问题，如何应对？什么是鞍点，为什么在高维空间中它是个麻烦？
为什么动量和 Adam 比普通 SGD 训练得快？为什么不直接用牛顿法？*

- **病态。** 条件数 κ 等于最大曲率除以最小曲率（Hessian 的特征值）。梯度下降的学习率必须小于
  2 / 最大曲率，否则会沿最陡的方向发散；而在这样的学习率下，平缓方向每步只缩小为原来的
  1 − 学习率·最小曲率，大约需要 κ 步才能走完。地图上表现为：在狭窄山谷里来回之字形摆动，沿谷底缓慢爬行。
- **预条件。** 重新缩放坐标，让等高线变成圆（把梯度乘以 H⁻¹，或对输入做白化），每个方向就一样陡了：
  原来只对最陡方向安全的学习率，现在几步就能把所有方向都走完。牛顿法就是这样一个预条件器，只不过在每个点重新计算。
- **动量。** 重球法累积过去梯度的和：沿山谷方向的梯度方向一致，不断叠加；横跨山谷的梯度正负交替，相互抵消。
  参数调得好时，误差每步缩小为 (√κ − 1)/(√κ + 1)，而不是 (κ − 1)/(κ + 1)。动量太大则会冲过头，绕着极小值打转。
- **自适应方法。** Adagrad、RMSprop 和 Adam 把每个坐标的步长除以该坐标梯度的滑动大小。
  只有当山谷与坐标轴对齐时，这才能纠正尺度不均的问题：把二次函数旋转一下，就会看到 Adam 的优势消失。
- **鞍点。** 鞍点处梯度为零，但 Hessian 的曲率有正有负。从山脊旁边一点点出发，梯度下降会滑进鞍点，
  一直等到微小的侧向分量慢慢长大；噪声或 Adam 的逐坐标缩放能更快地逃出来。普通牛顿法会直接跳**到**鞍点上
  （它寻找的是梯度的任意零点），所以本页的牛顿法使用 |H|，即 Dauphin 等（2014）提出的“无鞍”变体。
  高维空间里绝大多数临界点都是鞍点，所以这对神经网络很重要。
- **学习率、调度与批大小。** 小批量梯度等于真实梯度加上噪声，噪声的大小按 1/√批大小 下降。
  学习率恒定时，点会一直在极小值附近跳动；逐渐减小学习率，它才能稳定下来。

**试一试：** κ = 100 的二次函数配 sgd（之字形），再换 momentum；旋转 45° 后比较 adam；打开“预条件”；
鞍面上比较 sgd、adam 和 newton；二次函数上把动量调到 0.99（冲过头）；Rosenbrock 配学习率 0.001；
噪声 σ = 3、批大小 1，再改成 64，再换余弦调度。
""",
}
