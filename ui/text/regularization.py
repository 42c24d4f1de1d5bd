"""Texts of the Regularization page."""
EN = {
    "title": "Regularization",
    "question": "Why does L1 give sparse weights and L2 only small ones, how do dropout and early "
                "stopping fight overfitting, and why is AdamW not Adam with L2?",
    "card": "Watch the L1 diamond and the L2 circle meet the loss contours, count the weights each "
            "penalty zeroes in a trained network, see dropout close the train/test gap and early "
            "stopping pick its step.",
    "lead": "Everything that trades a little training loss for a smaller test loss: penalties on "
            "the weights, their geometry, dropout and early stopping, each measured on real "
            "optimisations and real networks.",
    "c_shared": "Every training run on this page",
    "lam": "Penalty strength λ",
    "lam_help": "The same λ for both maps: λ‖w‖₁ on the left, λ/2 ‖w‖₂² on the right.",
    "angle": "Rotation of the loss ellipse (degrees)",
    "kappa": "Condition number κ of the loss",
    "l1": "L1 strength λ₁",
    "l2": "L2 strength λ₂",
    "points": "Training points",
    "p": "Dropout rate p (in numbers)",
    "decay": "Weight decay λ",
    "seed": "Seed (all training runs)",
    "geo_title": "L1 against L2: the diamond and the circle",
    "geo_lead": "A quadratic loss ½ (w − w*)ᵀ H (w − w*) with its minimum at w* = (1.2, 0.5), plus "
                "a penalty. Minimising loss + penalty gives the same point as minimising the loss "
                "alone inside a ball ‖w‖ ≤ r: the point where a loss contour (dashed) just touches "
                "the ball. The cross is w*, the orange dot the solution at this λ, and the orange line "
                "is where the solution travels as λ grows from 0.",
    "l1_map": "L1: loss + λ‖w‖₁ (a diamond)",
    "l2_map": "L2: loss + λ/2 ‖w‖₂² (a circle)",
    "x": "w₁",
    "y": "w₂",
    "z": "loss",
    "lam_axis": "λ",
    "minimum": "w* (no penalty)",
    "solution": "solution",
    "m_l1": "L1 solution (w₁, w₂)",
    "m_l2": "L2 solution (w₁, w₂)",
    "m_top": "λ from which the L1 solution is 0",
    "geo_corner": "At λ = {lam} the L1 solution sits on a corner of the diamond: {coord} is exactly "
                  "0. The L2 solution has no zero coordinate: a circle has no corner to stop on.",
    "geo_origin": "λ = {lam} is at least ‖H w*‖∞ = {top}: the L1 solution is exactly w = 0, while "
                  "L2 still keeps both weights non-zero.",
    "geo_none": "At λ = {lam} both L1 coordinates are still non-zero; along this path the first one "
                "reaches exactly 0 at λ ≈ {first}.",
    "path_title": "Both solutions as λ grows",
    "path_axis": "coordinate of the solution",
    "s_l1_w1": "L1 w₁",
    "s_l1_w2": "L1 w₂",
    "s_l2_w1": "L2 w₁",
    "s_l2_w2": "L2 w₂",
    "w_title": "Weights after training: no penalty, L1, L2",
    "w_lead": "The same network (2 hidden layers of 32 ReLU units, same initial weights) trained "
              "three times on noisy XOR with plain SGD (learning rate {lr}, {epochs} epochs): "
              "without a penalty, with λ₁‖W‖₁ and with λ₂/2 ‖W‖² on every weight matrix. A weight "
              "counts as zero when |w| < 10⁻³: SGD follows the subgradient of |w|, so a weight "
              "that L1 has pulled to 0 keeps hopping across it, by lr·λ₁ a step plus some "
              "minibatch noise, instead of resting exactly on it. It stays within about "
              "2·lr·λ₁ ≤ 10⁻³ of 0.",
    "training_runs": "Training the three networks (no penalty, L1, L2)",
    "training_rates": "Training one network per dropout rate",
    "s_none": "no penalty",
    "s_l1": "L1",
    "s_l2": "L2",
    "w_axis": "weight w",
    "density": "density (square-root axis)",
    "m_zero": "{name}: zero weights",
    "m_mean": "{name}: mean |w|",
    "m_test": "{name}: test loss",
    "w_verdict": "L1 made {l1} of the weights zero, L2 {l2} and no penalty {none}. L2 shrank the "
                 "mean |w| from {m0} to {m2}, but by a factor on every weight, not by deleting any.",
    "diverged": "Training diverged (the loss became non-finite) in: {runs}. Its numbers say little.",
    "o_title": "Overfitting and early stopping",
    "o_lead": "{points} training points of XOR with noisy labels and {test} test points; a network "
              "of 2 × 32 ReLU units, far bigger than the problem needs, trained full-batch with "
              "Adam for {epochs} epochs (one step per epoch). Both losses are measured with dropout "
              "off.",
    "step": "step (= epoch, full batch)",
    "loss_axis": "loss (binary cross-entropy)",
    "s_train": "training loss",
    "s_test": "test loss",
    "s_gap": "gap: test − train",
    "overfit_zone": "after the best step: overfitting",
    "o_verdict": "Early stopping keeps the weights of step {best}: test loss {best_test}. Training on "
                 "to step {last} lowers the training loss from {best_train} to {final_train} while "
                 "the test loss climbs to {final_test}: the network is memorising the noise.",
    "o_monotone": "The test loss was lowest at the last step: with {points} points this network does "
                  "not overfit within {epochs} epochs.",
    "m_best": "best step (early stopping)",
    "m_best_test": "test loss there",
    "m_final_gap": "final gap test − train",
    "d_title": "Dropout against the train/test gap",
    "d_lead": "The same run with dropout after every hidden layer, at rates {rates}. Losses at the "
              "end of training, with dropout off.",
    "rate": "dropout rate p",
    "d_narrows": "The gap at the end shrinks from {g0} without dropout to {g1} at p = {p1}: every "
                 "step trains a different thinned network, so no unit can rely on a particular "
                 "partner to memorise a point.",
    "d_not": "Here the gap at p = {p1} ({g1}) is not smaller than without dropout ({g0}): with "
             "these points and this seed dropout does not help.",
    "inv_title": "Inverted dropout in numbers",
    "inv_lead": "torch.nn.Dropout(p = {p}) applied to 100 000 inputs drawn uniformly from "
                "[0.5, 1.5]. In training mode each input is zeroed with probability p and every "
                "survivor is multiplied by 1/(1 − p), so the mean is kept; in eval mode the module "
                "is the identity, so nothing has to be rescaled at test time.",
    "m_kept": "kept share (expected {exp})",
    "m_scale": "survivor scale (1/(1 − p) = {exp})",
    "m_mean_in": "mean of the inputs",
    "m_mean_train": "mean after dropout, train mode",
    "m_mean_eval": "mean, eval mode",
    "inv_noise": "The train-mode mean differs from the input mean only by sampling noise: its "
                 "standard error over these draws is {se}.",
    "col_x": "input x",
    "col_train": "train mode",
    "col_eval": "eval mode",
    "a_title": "Aside: Adam with L2 is not AdamW",
    "a_lead": "Weights start at 1 and their data gradient is pure noise of scale s, so only the "
              "penalty pulls them anywhere on average. {steps} steps at learning rate {lr} with "
              "torch.optim.Adam(weight_decay = λ), which adds λw to the gradient (L2 in the loss), "
              "and with torch.optim.AdamW(weight_decay = λ), which shrinks w by lr·λ·w outside the "
              "adaptive step.",
    "scale": "gradient scale s",
    "mean_w": "mean weight after {steps} steps",
    "s_adam_l2": "Adam + L2",
    "s_adamw": "AdamW",
    "a_verdict": "AdamW leaves about (1 − lr·λ)^{steps} = {exp} of every weight whatever its "
                 "gradient scale. Adam divides λw by √v̂ ≈ s like the rest of the gradient: the "
                 "weights with small gradients (s = 0.01) end at {small}, those with large ones "
                 "(s = 100) at {large}, hardly decayed.",
    "why_title": "Why it works this way",
    "why": "**Overfitting, and what regularization means.** A model overfits when its training "
           "error is low but its test error is much higher: it has learned the noise of its few "
           "points. Any change that lowers the test error, even at some cost in training error, is "
           "a regularizer: penalties on the weights, dropout, early stopping, more data, a "
           "smaller model.\n\n"
           "**Why L1 gives zeros and L2 does not.** A penalty is a budget: minimising loss + λ‖w‖ "
           "is minimising the loss inside a ball. The L1 ball is a diamond whose corners lie on "
           "the axes, and a contour of the loss usually meets it first at a corner, where a "
           "coordinate is 0. The L2 ball is round, so the touching point is almost never on an "
           "axis. In one dimension: the slope of λ|w| jumps from −λ to +λ at 0, so whenever the "
           "loss's own slope at 0 is smaller than λ in size, w = 0 is the minimum: the soft "
           "threshold S(x, λ), which sets small values to exactly 0. The slope of λw²/2 is 0 at "
           "0, so L2 only shrinks each weight by a factor (on a diagonal quadratic with "
           "curvature h, w = h/(h + λ)·w*, w* the unpenalised weight) and never lands on 0. The paths show it: L1 coordinates hit 0 at finite λ, L2 shrinks "
           "smoothly and reaches the origin only as λ → ∞.\n\n"
           "**The Bayesian view.** Minimising loss + penalty is maximum a posteriori estimation: "
           "L2 is a Gaussian prior on the weights, L1 a Laplace prior. Both are densities: "
           "neither gives any single value, 0 included, a probability above zero. The exact "
           "zeros come from taking the most probable weights (the MAP estimate): the Laplace "
           "density has a kink at 0, like |w|, and that is often where its maximum sits.\n\n"
           "**Dropout as an ensemble.** Each training step drops every hidden unit with "
           "probability p, so it trains one of exponentially many thinned networks, all sharing "
           "weights: a cheap version of bagging, where each member would have been trained "
           "separately on its own resample. No unit can count on a particular partner, which "
           "discourages co-adapted features. At test time the full network stands in for the "
           "average of the ensemble. Inverted dropout does the bookkeeping in training: survivors "
           "are multiplied by 1/(1 − p), so a unit's expected output is unchanged and the test "
           "network needs no rescaling.\n\n"
           "**Early stopping.** With few points and a big network, the training loss keeps "
           "falling while the test loss turns up. Keeping the weights of the best validation step "
           "limits how far the weights can travel from their small initial values: for a "
           "quadratic loss and gradient descent it acts much like an L2 penalty whose strength "
           "falls as training runs longer.\n\n"
           "**Adam and L2.** For plain SGD, an L2 penalty and weight decay are the same update. "
           "In Adam the L2 gradient λw is divided by the running root-mean-square of the whole "
           "gradient, so weights with large gradients are barely decayed and those with small "
           "ones are decayed hard. Decoupled weight decay (AdamW) shrinks every weight by the "
           "same lr·λ outside the adaptive step, which is why it is the usual choice for Adam.",
}

ZH = {
    "title": "正则化",
    "question": "为什么 L1 得到稀疏权重而 L2 只让权重变小？dropout 和早停怎样对抗过拟合？"
                "为什么 AdamW 不等于 Adam 加 L2？",
    "card": "看 L1 的菱形和 L2 的圆怎样与损失等高线相切，数一数每种惩罚在训练好的网络中置零了多少权重，"
            "看 dropout 缩小训练与测试的差距、早停选出最佳步数。",
    "lead": "凡是用一点训练损失换取更小测试损失的做法都在这里：权重惩罚及其几何、dropout 和早停，"
            "每一项都在真实的优化和真实的网络上测量。",
    "c_shared": "本页所有训练共用",
    "lam": "惩罚强度 λ",
    "lam_help": "两幅图用同一个 λ：左边是 λ‖w‖₁，右边是 λ/2 ‖w‖₂²。",
    "angle": "损失椭圆的旋转角（度）",
    "kappa": "损失的条件数 κ",
    "l1": "L1 强度 λ₁",
    "l2": "L2 强度 λ₂",
    "points": "训练点数",
    "p": "dropout 比例 p（数值演示）",
    "decay": "权重衰减 λ",
    "seed": "随机种子（所有训练）",
    "geo_title": "L1 对比 L2：菱形与圆",
    "geo_lead": "二次损失 ½ (w − w*)ᵀ H (w − w*)，最小值在 w* = (1.2, 0.5)，再加上一个惩罚项。"
                "最小化“损失 + 惩罚”得到的点，与只在球 ‖w‖ ≤ r 内最小化损失得到的点相同："
                "也就是某条损失等高线（虚线）恰好碰到球的那一点。叉号是 w*，橙色圆点是当前 λ 下的解，"
                "橙色线是 λ 从 0 增大时解移动的轨迹。",
    "l1_map": "L1：损失 + λ‖w‖₁（菱形）",
    "l2_map": "L2：损失 + λ/2 ‖w‖₂²（圆）",
    "x": "w₁",
    "y": "w₂",
    "z": "损失",
    "lam_axis": "λ",
    "minimum": "w*（无惩罚）",
    "solution": "正则化解",
    "m_l1": "L1 的解 (w₁, w₂)",
    "m_l2": "L2 的解 (w₁, w₂)",
    "m_top": "L1 的解恰为 0 的起点 λ",
    "geo_corner": "λ = {lam} 时，L1 的解落在菱形的一个顶点上：{coord} 恰好为 0。"
                  "L2 的解没有为零的坐标：圆没有可以停靠的顶点。",
    "geo_origin": "λ = {lam} 不小于 ‖H w*‖∞ = {top}：L1 的解恰好是 w = 0，而 L2 的两个权重仍都不为零。",
    "geo_none": "λ = {lam} 时，L1 解的两个坐标都还不为零；沿这条轨迹，第一个坐标在 λ ≈ {first} 处恰好变为 0。",
    "path_title": "λ 增大时两种解的变化",
    "path_axis": "解的坐标",
    "s_l1_w1": "L1 的 w₁",
    "s_l1_w2": "L1 的 w₂",
    "s_l2_w1": "L2 的 w₁",
    "s_l2_w2": "L2 的 w₂",
    "w_title": "训练后的权重：无惩罚、L1、L2",
    "w_lead": "同一个网络（2 个隐藏层、每层 32 个 ReLU 单元、相同的初始权重）在带噪声的 XOR 数据上"
              "用普通 SGD（学习率 {lr}，{epochs} 轮）训练三次：不加惩罚、对每个权重矩阵加 λ₁‖W‖₁、"
              "加 λ₂/2 ‖W‖²。|w| < 10⁻³ 的权重算作零：SGD 沿 |w| 的次梯度走，"
              "被 L1 拉到 0 的权重每步跳过 lr·λ₁（再加上一点小批量噪声），在 0 两侧来回跳动，"
              "而不是正好停在 0 上；它离 0 不超过约 2·lr·λ₁ ≤ 10⁻³。",
    "training_runs": "正在训练三个网络（无惩罚、L1、L2）",
    "training_rates": "正在为每个 dropout 率各训练一个网络",
    "s_none": "无惩罚",
    "s_l1": "L1",
    "s_l2": "L2",
    "w_axis": "权重 w",
    "density": "密度（平方根坐标）",
    "m_zero": "{name}：零权重比例",
    "m_mean": "{name}：平均 |w|",
    "m_test": "{name}：测试损失",
    "w_verdict": "L1 把 {l1} 的权重变成了零，L2 是 {l2}，无惩罚是 {none}。L2 把平均 |w| 从 {m0} "
                 "缩小到 {m2}，但它是把每个权重按比例缩小，而不是删掉某些权重。",
    "diverged": "以下训练发散（损失变为非有限数）：{runs}。它们的数字说明不了什么。",
    "o_title": "过拟合与早停",
    "o_lead": "{points} 个带噪声标签的 XOR 训练点和 {test} 个测试点；一个远大于问题所需的 "
              "2 × 32 ReLU 网络，用 Adam 全批量训练 {epochs} 轮（每轮一步）。两种损失都在关闭 dropout 时测量。",
    "step": "步数（= 轮数，全批量）",
    "loss_axis": "损失（二元交叉熵）",
    "s_train": "训练损失",
    "s_test": "测试损失",
    "s_gap": "差距：测试 − 训练",
    "overfit_zone": "最佳步之后：过拟合",
    "o_verdict": "早停会保留第 {best} 步的权重：那里的测试损失为 {best_test}。继续训练到第 {last} 步，"
                 "训练损失从 {best_train} 降到 {final_train}，测试损失却升到 {final_test}：网络在记忆噪声。",
    "o_monotone": "测试损失在最后一步最低：只有 {points} 个点时，这个网络在 {epochs} 轮内没有过拟合。",
    "m_best": "最佳步数（早停）",
    "m_best_test": "该步的测试损失",
    "m_final_gap": "最终差距 测试 − 训练",
    "d_title": "dropout 与训练/测试差距",
    "d_lead": "同样的训练，在每个隐藏层后加 dropout，比例分别为 {rates}。损失取训练结束时的值，测量时关闭 dropout。",
    "rate": "dropout 比例 p",
    "d_narrows": "训练结束时的差距从不加 dropout 的 {g0} 缩小到 p = {p1} 时的 {g1}：每一步训练的都是一个"
                 "不同的稀疏子网络，任何单元都无法依赖某个固定的搭档去记住某个点。",
    "d_not": "这里 p = {p1} 时的差距（{g1}）并不比不加 dropout 时（{g0}）小：在这些点和这个种子下 dropout 没有帮助。",
    "inv_title": "用数字看 inverted dropout",
    "inv_lead": "把 torch.nn.Dropout(p = {p}) 作用在 100 000 个从 [0.5, 1.5] 均匀抽取的输入上。"
                "训练模式下每个输入以概率 p 被置零，留下的都乘以 1/(1 − p)，因此均值不变；"
                "评估模式下该模块是恒等映射，所以测试时无需任何缩放。",
    "m_kept": "保留比例（期望 {exp}）",
    "m_scale": "保留值的放大倍数（1/(1 − p) = {exp}）",
    "m_mean_in": "输入的均值",
    "m_mean_train": "dropout 后的均值（训练模式）",
    "m_mean_eval": "均值（评估模式）",
    "inv_noise": "训练模式下的均值与输入均值的差别只是抽样噪声：在这些抽样上它的标准误为 {se}。",
    "col_x": "输入 x",
    "col_train": "训练模式",
    "col_eval": "评估模式",
    "a_title": "补充：Adam 加 L2 不等于 AdamW",
    "a_lead": "权重从 1 出发，它们的数据梯度是尺度为 s 的纯噪声，所以平均而言只有惩罚项在拉动它们。"
              "以学习率 {lr} 训练 {steps} 步：torch.optim.Adam(weight_decay = λ) 把 λw 加到梯度上"
              "（即损失中的 L2）；torch.optim.AdamW(weight_decay = λ) 则在自适应步之外把 w 缩小 lr·λ·w。",
    "scale": "梯度尺度 s",
    "mean_w": "{steps} 步后的平均权重",
    "s_adam_l2": "Adam + L2",
    "s_adamw": "AdamW",
    "a_verdict": "无论梯度尺度如何，AdamW 都把每个权重保留约 (1 − lr·λ)^{steps} = {exp}。"
                 "Adam 则把 λw 和梯度的其余部分一起除以 √v̂ ≈ s：梯度小（s = 0.01）的权重最终为 {small}，"
                 "梯度大（s = 100）的权重为 {large}，几乎没有衰减。",
    "why_title": "为什么会这样",
    "why": "**过拟合与正则化的含义。** 训练误差很低而测试误差高得多，就是过拟合：模型学到了少量样本中的噪声。"
           "凡是能降低测试误差的改动，即使要付出一些训练误差，都是正则化：权重惩罚、dropout、早停、"
           "更多数据、更小的模型。\n\n"
           "**为什么 L1 产生零而 L2 不会。** 惩罚就是预算：最小化“损失 + λ‖w‖”等价于在一个球内最小化损失。"
           "L1 球是菱形，顶点都在坐标轴上，损失的等高线通常先碰到顶点，而顶点处有坐标为 0。"
           "L2 球是圆的，切点几乎不会恰好落在坐标轴上。一维来看：λ|w| 的斜率在 0 处从 −λ 跳到 +λ，"
           "只要损失本身在 0 处斜率的绝对值小于 λ，w = 0 就是最小值点；这就是软阈值 S(x, λ)，"
           "它把小的值直接置为 0。λw²/2 在 0 处斜率为 0，所以 L2 只会把每个权重缩小一个因子"
           "（在曲率为 h 的对角二次损失上，w = h/(h + λ)·w*，w* 为不加惩罚时的权重），永远不会落到 0。轨迹图也显示了这一点：L1 的坐标在有限的 λ 处变为 0，"
           "L2 平滑地收缩，只有 λ → ∞ 时才到达原点。\n\n"
           "**贝叶斯视角。** 最小化“损失 + 惩罚”就是最大后验估计：L2 相当于权重的高斯先验，"
           "L1 相当于拉普拉斯先验。两者都是概率密度：任何单个取值（包括 0）的概率都是零。"
           "恰好为零的权重来自取最可能的权重（最大后验估计）：拉普拉斯密度像 |w| 一样在 0 处有个尖角，"
           "最大值常常就落在那里。\n\n"
           "**dropout 是一种集成。** 每一步训练都以概率 p 丢弃每个隐藏单元，相当于训练指数多个共享权重的"
           "子网络中的一个：这是 bagging 的廉价版本，而 bagging 的每个成员要在各自的重采样数据上单独训练。"
           "任何单元都不能依赖某个固定的搭档，从而抑制了相互适应的特征。测试时用完整网络近似整个集成的平均。"
           "inverted dropout 在训练时就做好缩放：保留的单元乘以 1/(1 − p)，单元输出的期望不变，"
           "测试网络无需任何缩放。\n\n"
           "**早停。** 数据少而网络大时，训练损失一直下降，测试损失却会回升。保留验证效果最好那一步的权重，"
           "限制了权重离开较小初始值的距离：对二次损失和梯度下降而言，它的作用很像一个 L2 惩罚，"
           "训练越久，惩罚越弱。\n\n"
           "**Adam 与 L2。** 对普通 SGD 来说，L2 惩罚和权重衰减是同一个更新。在 Adam 中，L2 的梯度 λw "
           "要除以整个梯度的滑动均方根，于是梯度大的权重几乎不衰减，梯度小的权重被强烈衰减。"
           "解耦的权重衰减（AdamW）在自适应步之外把每个权重都缩小同样的 lr·λ，这就是 Adam 通常搭配它的原因。",
}
