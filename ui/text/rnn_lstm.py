"""Texts of the RNN vs LSTM page."""
EN = {
    "title": "RNN vs LSTM",
    "question": "Why does an LSTM do better than a plain RNN on long sequences, how do its gates "
                "ease vanishing gradients, and what does gradient clipping fix?",
    "card": "Follow the gradient back through time in a tanh RNN, an LSTM and a GRU: it fades or "
            "blows up with the recurrent weight's spectral radius, survives through a forget "
            "gate near 1, and gets capped by clipping.",
    "lead": "The loss depends only on the last output of a sequence. How much of its gradient "
            "reaches each earlier input, through three real torch.nn cells with the same "
            "inputs? Then the exploding case, and what clipping by norm does to it.",
    "c_seq": "Sequence",
    "length": "Sequence length T",
    "hidden": "Hidden units",
    "scale": "Input size (standard deviation)",
    "scale_help": "Small inputs keep the tanh units in their linear range; large ones saturate "
                  "them, and a saturated unit passes almost no gradient.",
    "c_cells": "Cells",
    "radius": "RNN: spectral radius ρ of W_hh",
    "radius_help": "W_hh is rescaled so that its largest |eigenvalue| equals ρ.",
    "forget": "LSTM: forget-gate bias",
    "forget_help": "b_if + b_hf. The forget gate is σ(bias + W x + U h): bias 0 gives f ≈ 0.5, "
                   "bias 3 gives f ≈ 0.95.",
    "update": "GRU: update-gate bias",
    "update_help": "b_iz + b_hz. The update gate z keeps the old state: h_t = z·h_{t−1} + "
                   "(1 − z)·n_t.",
    "c_clip": "Clipping",
    "clip": "Clip the gradient norm at",
    "seed": "Seed",
    "computing": "Back-propagating through the sequence…",
    "steps_title": "Gradient reaching each earlier input",
    "back": "steps back from the last input (k)",
    "grad_axis": "‖∂L/∂x‖ at that input",
    "m_reach": "{cell}: first ÷ last input",
    "verdict": "Going back {k} steps, the gradient at the first input is {rnn} of the one at the "
               "last input for the RNN ({rnn_state}), {lstm} for the LSTM ({lstm_state}) and "
               "{gru} for the GRU ({gru_state}). For comparison ρ^{k} = {guide}.",
    "st_vanished": "vanished",
    "st_kept": "kept",
    "st_exploded": "exploded",
    "st_nonfinite": "no finite ratio",
    "nonfinite": "{cells}: the ratio is not a finite number (a gradient overflowed, or the last "
                 "one is exactly 0); non-finite and zero points are left out of the chart.",
    "setup": "One sequence with {features} inputs per step drawn from N(0, {scale}²); loss "
             "L = r·h_T, r a fixed random unit vector; weights U(−1/√H, 1/√H) like PyTorch's "
             "default; float64; seed {seed}.",
    "clip_title": "Exploding gradients and clipping",
    "clip_lead": "The norm of the RNN's whole parameter gradient ‖∂L/∂θ‖ for the same sequence "
                 "at spectral radii from 0.5 to 2.5 (dashed line: the slider's ρ), before and "
                 "after clipping by norm: g ← g · c / ‖g‖ whenever ‖g‖ > c.",
    "radius_axis": "spectral radius ρ of W_hh",
    "norm_axis": "‖∂L/∂θ‖",
    "s_raw": "without clipping",
    "s_clipped": "clipped at {c}",
    "m_raw": "‖∂L/∂θ‖ at ρ = {rho}",
    "m_clipped": "after clipping",
    "m_cos": "cosine (direction kept)",
    "clip_on": "At ρ = {rho} the gradient norm {raw} is above the threshold {c}: clipping "
               "multiplies every component by {factor}, so the step is shorter but points the "
               "same way (cosine {cos}).",
    "clip_off": "At ρ = {rho} the gradient norm {raw} is below the threshold {c}: clipping leaves "
                "it untouched. It cannot enlarge a gradient that has vanished either.",
    "clip_nonfinite": "At ρ = {rho} the gradient is not finite: clipping cannot repair it "
                      "(0 · ∞ is NaN).",
    "sweep_nonfinite": "At some radii the gradient overflowed: those points are left out.",
    "why_title": "Why it works this way",
    "why": "**Why the RNN loses it.** Back-propagation through time multiplies the gradient, once "
           "per step, by the Jacobian ∂h_t/∂h_{t−1} = diag(tanh′(a_t))·W_hh (transposed). After "
           "k steps it has gone through k such factors. Since tanh′ ≤ 1, a radius ρ below 1 "
           "makes the product shrink roughly like ρ^k, and faster still when the units saturate "
           "(large inputs). With ρ above 1 the state itself grows, even from small inputs, "
           "until tanh saturates; tanh′ then shrinks and cancels the growth, so the product "
           "stays far below ρ^k. With ρ = 1.3, inputs of size 0.01 and the rest at the defaults, "
           "the first of 50 inputs gets 3.7 times the gradient of the last, where ρ^49 ≈ 4·10⁵; "
           "with ρ = 1.1 over 200 steps the gradient even vanishes. Only at larger ρ does it explode, saturated units "
           "and all (ρ = 2.5 at the default settings). A plain RNN carries a signal far only near "
           "ρ ≈ 1 with unsaturated units: a knife edge that training does not keep.\n\n"
           "**Why the LSTM keeps it.** Its cell state is updated by addition: c_t = f_t ⊙ c_{t−1} "
           "+ i_t ⊙ g_t. Along this path the Jacobian ∂c_t/∂c_{t−1} is just diag(f_t): no weight "
           "matrix, no tanh′. With the forget gate near 1 the gradient decays only like f^k, and "
           "since f is computed from the input the network can learn when to hold and when to "
           "let go. With the forget bias at 0, f ≈ 0.5 and the LSTM forgets as fast as a "
           "contracting RNN: hence the usual practice of initialising the forget bias at 1 or "
           "more (Gers et al. 2000; Jozefowicz et al. 2015). Four gate blocks give it four times "
           "the parameters of an RNN of the same width.\n\n"
           "**The GRU, a lighter cousin.** One update gate z does the work of the forget and "
           "input gates, h_t = z ⊙ h_{t−1} + (1 − z) ⊙ n_t, and there is no separate cell "
           "state: three weight blocks instead of four, with the same additive path when z is "
           "near 1. Gates do not stop explosion, though.\n\n"
           "**Clipping.** When ‖g‖ exceeds a threshold c the whole gradient is rescaled to norm "
           "c. The direction is kept and only the step is capped, so one exploding batch cannot "
           "throw the weights far away. It is no cure for vanishing: a gradient of 1e−10 is "
           "below any threshold, and rescaling never makes the far steps' share larger. "
           "Vanishing needs gates, skip paths, a careful initialisation (orthogonal W_hh, a "
           "forget bias of 1 or more) or shorter dependencies.",
}

ZH = {
    "title": "RNN与LSTM",
    "question": "为什么在长序列上 LSTM 比普通 RNN 好？它的门控怎样缓解梯度消失？梯度裁剪又解决了什么？",
    "card": "沿时间反向追踪 tanh RNN、LSTM 和 GRU 中的梯度：它随循环权重的谱半径消失或爆炸，"
            "经由接近 1 的遗忘门得以保留，并被梯度裁剪限住。",
    "lead": "损失只取决于序列的最后一个输出。它的梯度有多少能传回到更早的每个输入？"
            "三个真实的 torch.nn 循环单元，输入完全相同。随后看梯度爆炸，以及按范数裁剪对它做了什么。",
    "c_seq": "序列",
    "length": "序列长度 T",
    "hidden": "隐藏单元数",
    "scale": "输入大小（标准差）",
    "scale_help": "输入小时 tanh 单元处在线性区；输入大时单元饱和，饱和的单元几乎不传递梯度。",
    "c_cells": "循环单元",
    "radius": "RNN：W_hh 的谱半径 ρ",
    "radius_help": "缩放 W_hh，使其最大的 |特征值| 等于 ρ。",
    "forget": "LSTM：遗忘门偏置",
    "forget_help": "b_if + b_hf。遗忘门为 σ(偏置 + W x + U h)：偏置为 0 时 f ≈ 0.5，"
                   "偏置为 3 时 f ≈ 0.95。",
    "update": "GRU：更新门偏置",
    "update_help": "b_iz + b_hz。更新门 z 保留旧状态：h_t = z·h_{t−1} + (1 − z)·n_t。",
    "c_clip": "裁剪",
    "clip": "梯度范数裁剪阈值",
    "seed": "随机种子",
    "computing": "正在沿序列反向传播…",
    "steps_title": "传回到每个更早输入的梯度",
    "back": "距最后一个输入的步数（k）",
    "grad_axis": "该输入处的 ‖∂L/∂x‖",
    "m_reach": "{cell}：首个输入 ÷ 最后输入",
    "verdict": "向前回溯 {k} 步后，第一个输入处的梯度与最后一个输入处之比：RNN 为 {rnn}（{rnn_state}），"
               "LSTM 为 {lstm}（{lstm_state}），GRU 为 {gru}（{gru_state}）。作为对照，ρ^{k} = {guide}。",
    "st_vanished": "已消失",
    "st_kept": "得以保留",
    "st_exploded": "已爆炸",
    "st_nonfinite": "无有限比值",
    "nonfinite": "{cells}：比值不是有限数（某个梯度溢出，或最后一步的梯度恰为 0）；"
                 "非有限值与零值未在图中画出。",
    "setup": "一条序列，每步 {features} 个输入，取自 N(0, {scale}²)；损失 L = r·h_T，r 为固定的随机单位向量；"
             "权重取 U(−1/√H, 1/√H)，与 PyTorch 默认一致；float64；随机种子 {seed}。",
    "clip_title": "梯度爆炸与梯度裁剪",
    "clip_lead": "同一条序列下，RNN 全部参数梯度的范数 ‖∂L/∂θ‖ 随谱半径从 0.5 到 2.5 的变化"
                 "（虚线为滑块上的 ρ），以及按范数裁剪前后的对比：当 ‖g‖ > c 时令 g ← g · c / ‖g‖。",
    "radius_axis": "W_hh 的谱半径 ρ",
    "norm_axis": "‖∂L/∂θ‖",
    "s_raw": "不裁剪",
    "s_clipped": "在 {c} 处裁剪",
    "m_raw": "ρ = {rho} 时的 ‖∂L/∂θ‖",
    "m_clipped": "裁剪后",
    "m_cos": "余弦（方向保持）",
    "clip_on": "ρ = {rho} 时梯度范数 {raw} 超过阈值 {c}：裁剪把每个分量乘以 {factor}，"
               "步长变短但方向不变（余弦 {cos}）。",
    "clip_off": "ρ = {rho} 时梯度范数 {raw} 低于阈值 {c}：裁剪不改变它。对于已经消失的梯度，裁剪同样无法把它放大。",
    "clip_nonfinite": "ρ = {rho} 时梯度不是有限数：裁剪无法修复它（0 · ∞ 为 NaN）。",
    "sweep_nonfinite": "部分谱半径下梯度溢出：图中未画出这些点。",
    "why_title": "为什么会这样",
    "why": "**RNN 为什么会丢失梯度。** 随时间反向传播时，梯度每经过一步都要乘上雅可比矩阵 "
           "∂h_t/∂h_{t−1} = diag(tanh′(a_t))·W_hh（的转置）。回溯 k 步就乘了 k 个这样的因子。"
           "由于 tanh′ ≤ 1，谱半径 ρ 小于 1 时乘积大致按 ρ^k 缩小，单元饱和（输入大）时缩得更快。"
           "ρ 大于 1 时，即使输入很小，状态本身也会不断变大，直到 tanh 饱和；此时 tanh′ 变小，"
           "抵消了增长，所以乘积远小于 ρ^k。ρ = 1.3、输入大小 0.01、其余取默认值时，50 个输入中第一个得到的梯度"
           "是最后一个的 3.7 倍，而 ρ^49 ≈ 4·10⁵；ρ = 1.1、序列长 200 时，梯度甚至消失了。"
           "只有 ρ 更大时，即使单元饱和，梯度也会爆炸（默认设置下的 ρ = 2.5 即是如此）。普通 RNN 只有在 ρ ≈ 1 且单元不饱和时才能把信号传得很远，"
           "这是一道刀锋，训练过程守不住它。\n\n"
           "**LSTM 为什么能保留梯度。** 它的细胞状态以加法更新：c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t。"
           "沿这条路径，雅可比 ∂c_t/∂c_{t−1} 只是 diag(f_t)：没有权重矩阵，也没有 tanh′。"
           "遗忘门接近 1 时，梯度只按 f^k 缓慢衰减；而且 f 由输入算出，网络可以学会何时保留、何时遗忘。"
           "遗忘门偏置为 0 时 f ≈ 0.5，LSTM 遗忘得和收缩的 RNN 一样快，所以通常把遗忘门偏置初始化为 1 "
           "或更大（Gers 等，2000；Jozefowicz 等，2015）。四组门的权重使它的参数量是同宽度 RNN 的四倍。\n\n"
           "**GRU：更轻的近亲。** 一个更新门 z 同时承担遗忘门和输入门的作用，"
           "h_t = z ⊙ h_{t−1} + (1 − z) ⊙ n_t，且没有单独的细胞状态：三组权重而非四组，"
           "z 接近 1 时同样有加法通路。不过门控并不能阻止梯度爆炸。\n\n"
           "**梯度裁剪。** 当 ‖g‖ 超过阈值 c 时，把整个梯度缩放到范数 c。方向不变，只限制步长，"
           "因此一个梯度爆炸的批次不会把权重甩得很远。它治不了梯度消失：1e−10 的梯度低于任何阈值，"
           "而缩放也从不会提高远处各步所占的比例。梯度消失要靠门控、跳跃连接、合适的初始化"
           "（正交的 W_hh、1 或更大的遗忘门偏置）或更短的依赖关系来解决。",
}
