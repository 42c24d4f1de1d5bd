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
    "c_dead": "Dead units",
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
    "c_dead": "死单元",
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
           "**为什么是高斯？** 两个原因。中心极限定理：许多独立小效应之和接近高斯分布，不论每个效应"
           "本身服从什么分布，直方图在 k ≈ 5 时就已经如此。最大熵：只知道均值和方差时，高斯是假设"
           "最少的选择。它对求和与线性变换也保持封闭，让初始化和噪声的数学易于处理。",
}
