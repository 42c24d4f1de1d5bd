"""Texts of the Loss surface page."""
EN = {
    "title": "Loss surface",
    "question": "What does the loss surface of a real network look like, why do skip "
                "connections help, and why use cross-entropy rather than squared error behind a "
                "sigmoid?",
    "card": "The loss around a trained network's weights with its training path on it; a deep "
            "net with and without skips; one sigmoid neuron under two losses.",
    "lead": "A network trains with the settings on the left, then the loss is measured over a "
            "plane of weight settings around where it ended.  \nThe map shows that plane and the "
            "path training took across it; the line beside it walks straight from the initial "
            "to the trained weights.",
    "g_surface": "Surface",
    "directions": "Plane",
    "dir_pca": "pca: the two directions in which the training path moved most, so the path "
               "lies (almost) in the picture.",
    "dir_filter": "filter: two random directions, every filter scaled to the size of the "
                  "network's own filter (Li et al. 2018).",
    "grid": "Grid points per side",
    "span": "Reach",
    "span_help": "filter: how far the map goes along each direction, in filter norms. pca: a "
                 "multiple of how far the training path went.",
    "logc": "Log colour scale",
    "in_3d": "3-D surface",
    "in_3d_help": "Draw the surface in 3-D with the training path on it: drag to turn it, "
                  "scroll to zoom.",
    "path3d": "training path",
    "path3d_note": "The path is drawn at the surface's height where it passes: the loss of its "
                   "projection on the plane, which can differ from the loss the network had "
                   "there.",
    "epochs": "Epochs to train",
    "epochs_help": "How long a fresh network trains here. The stop rule of the Training "
                   "controls can end it earlier.",
    "dseed": "Seed of the random directions",
    "bn_batch": "Batch normalization needs at least 2 points per minibatch: raise the batch size "
                "or switch normalization off.",
    "computing": "Measuring the loss over the plane…",
    "training": "Training for {epochs} epochs, then measuring the loss over the plane…",
    "reduced": "{asked} epochs of this network would take too long for one page: trained for "
               "{epochs} instead. Fewer layers or neurons, no normalization or dropout, or a "
               "larger batch allow more.",
    "using_live": "This is the network you are training on the Training page (epoch "
                  "{epoch:.1f}): its settings match the ones on the left. Train it further "
                  "there and come back to see the new surface.",
    "using_fresh": "A network trained here for {epochs:g} epochs from seed {seed} with the "
                   "settings on the left. Train one on the Training page with the same settings "
                   "and this page shows that one instead.",
    "live_young": "The Training page's network with these settings has trained less than "
                  "{epochs} epochs: too short a path for a picture.",
    "m_epoch": "Epoch",
    "m_epoch_help": "{steps} optimizer steps",
    "m_loss": "Training loss",
    "m_test_loss": "Test loss",
    "m_points": "Points on the map",
    "m_points_help": "Training points every cell of the map is evaluated on (at most 1,000, a "
                     "fixed random subset beyond that).",
    "diverged": "Training diverged at step {step}: the weights hold inf or NaN, so there is no "
                "surface to draw. Lower the learning rate or clip the gradients.",
    "no_finite": "The loss is inf or NaN everywhere on this plane: lower the reach.",
    "map_title": "The loss around the trained weights",
    "ax_pc1": "PCA direction 1",
    "ax_pc2": "PCA direction 2",
    "ax_d1": "random direction 1",
    "ax_d2": "random direction 2",
    "map_pca": "The plane of the two directions in which training moved most: they hold "
               "{e1:.1%} and {e2:.1%} of the path's spread. The orange line is the path from "
               "the initial weights (cross) to the trained ones (diamond, at the centre). "
               "Loss on {n} training points.",
    "map_pca_3d": "The plane of the two directions in which training moved most: they hold "
                  "{e1:.1%} and {e2:.1%} of the path's spread. The orange line is the path from "
                  "the initial weights (dark dot) to the trained ones, at the centre. Loss on {n} "
                  "training points.",
    "map_filter": "Two random directions, each filter scaled to the norm of the network's own "
                  "filter; the map reaches ±{span:g} along both. A random plane is almost "
                  "at right angles to the training path, so the path is drawn on the pca "
                  "plane only. Loss on {n} training points.",
    "interp_title": "From the initial to the trained weights",
    "interp_note": "The loss at (1 − α)·θ₀ + α·θ: α = 0 is the initialization, α = 1 the "
                   "trained network, and the line goes on beyond both ends (Goodfellow et al. "
                   "2015). Training itself took a curved path; this straight line often "
                   "descends without a single bump.",
    "alpha": "α",
    "z": "loss",
    "step": "step",
    "start": "initial weights",
    "end": "trained weights",
    "train": "train",
    "test": "test",
    "res_title": "Skip connections smooth the surface",
    "res_lead": "The same deep network, {depth} hidden layers of {width} {activation} units "
                "with {init} initialization and batch norm (as in the ResNets of Li et al. "
                "2018), trained with the default training settings on the dataset chosen on the "
                "left for {epochs} epochs, once without and once with skip connections. Both "
                "surfaces lie on random filter-normalized directions with reach ±{span:g}, on a "
                "{grid} × {grid} grid and a log height axis: without skips the loss spans several orders of magnitude. "
                "Drag a surface to turn it.",
    "res_note": "Local minima: grid points lower than their 8 neighbours, counted on log₁₀ of "
                "the loss. Curvature: the mean absolute Laplacian of log₁₀ loss over the grid, "
                "in decades per unit² of the plane. A smooth bowl has one minimum and a small, "
                "even curvature; a rugged surface has many minima and a large one.",
    "m_minima": "local minima on the grid",
    "m_minima_help": "Grid points lower than all 8 neighbours (edges excluded): traps a descent "
                     "can end in.",
    "m_curvature": "mean curvature",
    "m_curvature_help": "The mean |∇²| of log₁₀ loss over the grid: how sharply the surface "
                        "bends, whatever the loss's own scale.",
    "training_deep": "Training the two deep networks for {epochs} epochs…",
    "res_off": "Without skip connections",
    "res_on": "With skip connections",
    "res_range": "Loss {centre} at the trained weights, up to {top} on the map.",
    "neuron_title": "Why cross-entropy rather than squared error behind a sigmoid?",
    "neuron_lead": "One neuron, p = σ(w·x + b), on 40 one-dimensional points of two "
                   "overlapping classes. Each map is the mean loss over every (w, b). The cross "
                   "marks a neuron that is confidently wrong, (w, b) = ({w:g}, {b:g}): it gives "
                   "the wrong class a probability near 1 almost everywhere.",
    "ce_title": "Cross-entropy",
    "mse_title": "Squared error",
    "ax_w": "weight w",
    "ax_b": "bias b",
    "wrong": "confidently wrong",
    "best": "lowest point of the grid",
    "m_grad": "Gradient size ‖∇L‖ at the cross",
    "m_grad_help": "The loss there is {loss}.",
    "grad_title": "Gradient size along b = 0",
    "grad_axis": "‖∇L‖ (log)",
    "neuron_verdict": "At the confidently wrong neuron the cross-entropy gradient is {ratio:.3g} "
                      "times the squared-error one. Squared error multiplies the error by "
                      "σ′(z) = p(1 − p), which is almost 0 once the sigmoid saturates, so "
                      "the worse the neuron is, the less it learns: the flat plateau on the "
                      "right-hand map. Cross-entropy cancels that factor: its gradient is "
                      "(p − y)·x, large exactly when the neuron is badly wrong.",
    "why_title": "Why it looks like this",
    "why": """
**Interview questions:** *Giving up convexity by adding hidden layers: what does it cost? Why
does cross-entropy train sigmoid and softmax outputs better than squared error? How do residual
connections help deep networks?*

- **A slice, not the whole surface.** A network has hundreds or millions of weights, so any
  picture is a 2-D slice through them. Random directions must be scaled to the network
  (filter normalization). Otherwise the same step is small next to a layer with large
  weights, which then looks flat, and large next to a layer with small weights, which then
  looks sharp (Li et al. 2018). The PCA plane is the one slice that contains most of the path.
- **Non-convex, yet easy.** Hidden layers make the loss non-convex, so no optimum is
  guaranteed. In practice the region that training visits is often a smooth valley, and a
  straight line from initialization to the solution usually descends without a barrier.
- **Depth roughens the surface; skips smooth it.** Without skips a deep ReLU net's loss
  changes abruptly with a small change of weights (steep walls, many ridges). With skips each
  block only adds a correction to an identity path, and the surface becomes a wide bowl that
  gradient descent can follow (Li et al. 2018).
- **Cross-entropy against squared error.** With a sigmoid output, squared error's gradient
  carries the factor σ′(z), which vanishes when the neuron saturates: a confidently wrong
  neuron sits on a plateau and barely moves. Cross-entropy's gradient is the plain error
  p − y, so learning is fastest when the mistake is largest; its surface is also convex in
  (w, b), squared error's is not.

**Try:** 5 epochs, then 200; pca vs filter; reach 4 with a log colour scale; the Training page's
xor with 6 layers, then come back; loss = mse in the Training controls.
""",
}

ZH = {
    "title": "损失曲面",
    "question": "真实网络的损失曲面长什么样？残差连接为什么有用？sigmoid 输出为什么用交叉熵而不用平方误差？",
    "card": "训练好的网络周围的损失曲面，连同训练路径；有无残差连接的深层网络对比；单个 sigmoid 神经元在两种损失下的曲面。",
    "lead": "用左侧的设置训练一个网络，再在它最终权重周围的一个平面上逐点计算损失。  \n"
            "热力图就是这个平面，上面画出训练走过的路径；旁边的曲线沿直线从初始权重走到训练后的权重。",
    "g_surface": "曲面",
    "directions": "平面",
    "dir_pca": "pca：训练路径移动最多的两个方向，路径（几乎）完整地落在图中。",
    "dir_filter": "filter：两个随机方向，每个滤波器都缩放到网络自身对应滤波器的大小（Li 等 2018）。",
    "grid": "每边网格点数",
    "span": "范围",
    "span_help": "filter：沿每个方向走多远，单位是滤波器范数。pca：训练路径走过距离的倍数。",
    "logc": "对数色标",
    "in_3d": "三维曲面",
    "in_3d_help": "用三维画出曲面和其上的训练路径：拖动可旋转，滚轮可缩放。",
    "path3d": "训练路径",
    "path3d_note": "路径画在它所经过之处的曲面高度上：那是它在平面上投影点的损失，可能与网络当时的损失不同。",
    "epochs": "训练轮数",
    "epochs_help": "在本页重新训练的网络训练多久。训练设置里的停止规则可能让它提前结束。",
    "dseed": "随机方向的种子",
    "bn_batch": "批归一化要求每个小批量至少有 2 个点：请调大批大小，或关闭归一化。",
    "computing": "正在计算平面上的损失…",
    "training": "正在训练 {epochs} 轮，然后计算平面上的损失…",
    "reduced": "这个网络训练 {asked} 轮对一次页面加载来说太久，因此只训练了 {epochs} 轮。"
               "减少层数或神经元、去掉归一化或 dropout、或加大批大小，都能训练更多轮。",
    "using_live": "这是你在“训练”页上正在训练的网络（第 {epoch:.1f} 轮）：它的设置与左侧一致。"
                  "回到那里继续训练，再回来就能看到新的曲面。",
    "using_fresh": "这是在本页用左侧设置、随机种子 {seed} 训练了 {epochs:g} 轮的网络。"
                   "在“训练”页用相同设置训练一个网络，本页就会改为显示那一个。",
    "live_young": "“训练”页上这组设置的网络训练还不到 {epochs} 轮：路径太短，画不出来。",
    "m_epoch": "轮数",
    "m_epoch_help": "共 {steps} 次优化步",
    "m_loss": "训练损失",
    "m_test_loss": "测试损失",
    "m_points": "参与计算的点数",
    "m_points_help": "热力图每个格子都在这些训练点上计算损失（最多 1000 个，超出时取固定的随机子集）。",
    "diverged": "训练在第 {step} 步发散：权重中出现 inf 或 NaN，无法画出曲面。请降低学习率或裁剪梯度。",
    "no_finite": "这个平面上的损失处处是 inf 或 NaN：请缩小范围。",
    "map_title": "训练后权重周围的损失",
    "ax_pc1": "PCA 方向 1",
    "ax_pc2": "PCA 方向 2",
    "ax_d1": "随机方向 1",
    "ax_d2": "随机方向 2",
    "map_pca": "训练移动最多的两个方向所张成的平面：它们分别占路径离散程度的 {e1:.1%} 和 {e2:.1%}。"
               "橙色线是从初始权重（十字）到训练后权重（菱形，位于中心）的路径。损失在 {n} 个训练点上计算。",
    "map_pca_3d": "训练移动最多的两个方向所张成的平面：它们分别占路径离散程度的 {e1:.1%} 和 {e2:.1%}。"
                  "橙色线是从初始权重（黑点）到训练后权重（位于中心）的路径。损失在 {n} 个训练点上计算。",
    "map_filter": "两个随机方向，每个滤波器都缩放到网络自身滤波器的范数；图沿两个方向各延伸 ±{span:g}。"
                  "随机平面几乎与训练路径垂直，所以只在 pca 平面上画出路径。损失在 {n} 个训练点上计算。",
    "interp_title": "从初始权重到训练后的权重",
    "interp_note": "(1 − α)·θ₀ + α·θ 处的损失：α = 0 是初始化，α = 1 是训练好的网络，直线还向两端延伸"
                   "（Goodfellow 等 2015）。训练本身走的是弯路，而这条直线往往一路下降，没有任何起伏。",
    "alpha": "α",
    "z": "损失",
    "step": "步数",
    "start": "初始权重",
    "end": "训练后的权重",
    "train": "训练集",
    "test": "测试集",
    "res_title": "残差连接让曲面变平滑",
    "res_lead": "同一个深层网络：{depth} 个隐藏层，每层 {width} 个 {activation} 单元，{init} 初始化，"
                "并带批归一化（与 Li 等 2018 的 ResNet 相同），用默认训练设置在左侧所选的数据集上训练 {epochs} 轮，"
                "一次不带、一次带残差连接。两个曲面都取经过滤波器归一化的随机方向，范围 ±{span:g}，"
                "网格 {grid} × {grid}，高度用对数坐标：没有残差连接时损失跨越好几个数量级。拖动曲面可以旋转。",
    "res_note": "局部极小：比周围 8 个网格点都低的点，在损失的 log₁₀ 上计数。曲率：网格上 log₁₀ 损失的拉普拉斯算子"
                "绝对值的平均，单位是每单位平方的数量级。平滑的碗只有一个极小点，曲率小而均匀；崎岖的曲面极小点多，曲率也大。",
    "m_minima": "网格上的局部极小",
    "m_minima_help": "比周围 8 个点都低的网格点（不含边缘）：下降可能被困住的地方。",
    "m_curvature": "平均曲率",
    "m_curvature_help": "网格上 log₁₀ 损失的 |∇²| 的平均：曲面弯得有多急，与损失本身的量级无关。",
    "training_deep": "正在把两个深层网络各训练 {epochs} 轮…",
    "res_off": "不带残差连接",
    "res_on": "带残差连接",
    "res_range": "训练后权重处的损失为 {centre}，图中最高到 {top}。",
    "neuron_title": "sigmoid 输出为什么用交叉熵而不用平方误差？",
    "neuron_lead": "单个神经元 p = σ(w·x + b)，数据是两类相互重叠、共 40 个一维点。每张图是每一组 (w, b) 下的平均损失。"
                   "十字标出一个“自信地犯错”的神经元 (w, b) = ({w:g}, {b:g})：它几乎处处把接近 1 的概率给了错误的类别。",
    "ce_title": "交叉熵",
    "mse_title": "平方误差",
    "ax_w": "权重 w",
    "ax_b": "偏置 b",
    "wrong": "自信地犯错",
    "best": "网格上的最低点",
    "m_grad": "十字处的梯度大小 ‖∇L‖",
    "m_grad_help": "该处的损失为 {loss}。",
    "grad_title": "沿 b = 0 的梯度大小",
    "grad_axis": "‖∇L‖（对数轴）",
    "neuron_verdict": "在这个自信犯错的神经元处，交叉熵的梯度是平方误差的 {ratio:.3g} 倍。"
                      "平方误差的梯度要乘上 σ′(z) = p(1 − p)，sigmoid 一饱和它就几乎为 0，"
                      "于是神经元错得越离谱，学得反而越慢：右图里那片平坦的高原。"
                      "交叉熵恰好消掉了这个因子，梯度就是 (p − y)·x，错得越厉害梯度越大。",
    "why_title": "为什么是这样",
    "why": """
**对应的面试题：** *加入隐藏层后训练问题不再是凸的，代价是什么？为什么交叉熵比均方误差更适合
sigmoid 和 softmax 输出？残差连接为什么能帮助训练深层网络？*

- **看到的只是一个切片。** 网络有成百上千甚至数百万个权重，任何图都只是穿过它们的一个二维切片。
  随机方向必须按网络自身的尺度缩放（滤波器归一化）。否则同样的一步，对权重大的层来说很小，这一层就显得平坦；
  对权重小的层来说很大，这一层就显得陡峭（Li 等 2018）。
  PCA 平面是唯一包含了大部分训练路径的切片。
- **非凸，却不难走。** 隐藏层让损失变得非凸，不再保证找到最优解。
  但实际上训练经过的区域常常是一条平滑的山谷，从初始化到解的直线通常一路下降、没有阻隔。
- **深度让曲面变粗糙，残差让它变平滑。** 没有残差连接时，深层 ReLU 网络的损失会随权重的微小变化剧烈跳动
  （陡壁、许多山脊）。有了残差连接，每个模块只是在恒等通路上加一点修正，曲面变成一个宽阔的碗，
  梯度下降可以顺着走下去（Li 等 2018）。
- **交叉熵与平方误差。** sigmoid 输出配平方误差时，梯度带有因子 σ′(z)，神经元饱和时它趋于 0：
  自信犯错的神经元停在高原上几乎不动。交叉熵的梯度就是误差 p − y，错得越多学得越快；
  而且它在 (w, b) 上是凸的，平方误差则不是。

**试一试：** 先训练 5 轮，再训练 200 轮；对比 pca 与 filter；范围取 4 并打开对数色标；
在“训练”页用 xor 数据和 6 层网络训练后再回来；在训练设置里把损失改成 mse。
""",
}
