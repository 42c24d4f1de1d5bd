"""Texts of the Gradient flow page."""
EN = {
    "title": "Gradient flow",
    "question": "Why do gradients vanish or explode in a deep network, and how do "
                "initialization and activation decide it?",
    "card": "One forward and one backward pass through a fresh network: activation spread "
            "and gradient size, layer by layer.",
    "lead": "A freshly initialized network sees one batch of data: one forward pass, one "
            "backward pass, no training.  \nWatch how the spread of the activations and the size "
            "of the gradients change from the first hidden layer to the last.",
    "controls": "Network",
    "depth": "Depth (hidden layers)",
    "width": "Width (units per layer)",
    "activation": "Activation",
    "init": "Initializer",
    "scale": "Init scale",
    "scale_help": "Multiplies the standard deviation the initializer's paper prescribes. For "
                  "normal, uniform, truncated normal and constant it is the σ, the bound or the "
                  "constant itself.",
    "scale_zeros": "Every weight starts at 0; the scale has no effect.",
    "scale_constant": "Every weight starts at the same value c = scale.",
    "scale_normal": "W ~ N(0, σ²) with σ = scale.",
    "scale_uniform": "W ~ U(−a, a) with a = scale.",
    "scale_trunc_normal": "N(0, σ²) cut off at ±2σ, σ = scale.",
    "scale_xavier_uniform": "U(−b, b), b = scale·√(6 / (fan_in + fan_out))  (Glorot & Bengio 2010).",
    "scale_xavier_normal": "σ = scale·√(2 / (fan_in + fan_out))  (Glorot & Bengio 2010).",
    "scale_kaiming_uniform": "U(−b, b), b = scale·√(6 / ((1 + a²)·fan_in)), a = leaky slope  "
                             "(He et al. 2015).",
    "scale_kaiming_normal": "σ = scale·√(2 / ((1 + a²)·fan_in)), a = leaky slope  (He et al. 2015).",
    "scale_lecun_normal": "σ = scale·√(1 / fan_in)  (LeCun et al. 1998).",
    "scale_orthogonal": "A random orthogonal matrix times scale  (Saxe et al. 2014).",
    "norm": "Normalization",
    "residual": "Residual connections",
    "batch": "Probe batch size",
    "seed": "Seed",
    "computing": "One forward and one backward pass…",
    "verdict_stable": "Layer 1 receives {ratio:.1e} × the weight gradient of layer {depth}: "
                      "the gradient reaches the first layer at a usable size.",
    "verdict_tiny": "Layer 1 receives {ratio:.1e} × the weight gradient of layer {depth}, but "
                    "that gradient is tiny in itself: its norm is {size:.1e}, under {usable}, so "
                    "even a step at learning rate 1 would move layer 1's weights by less than "
                    "{usable}. Layer 1 will barely learn.",
    "verdict_vanishing": "Layer 1 receives {ratio:.1e} × the weight gradient of layer {depth}: "
                         "vanishing. The first layers will barely learn.",
    "verdict_exploding": "Layer 1 receives {ratio:.1e} × the weight gradient of layer {depth}: "
                         "exploding. The first layers get far larger updates than the last.",
    "verdict_zero": "Every hidden weight gradient is exactly 0: no learning signal reaches the "
                    "hidden layers, so training cannot even start.",
    "verdict_overflow": "Numbers overflow to inf/NaN from layer {layer} on: the network has "
                        "exploded. The charts show only the finite values.",
    "m_loss": "Loss on the batch",
    "m_ratio": "‖∂L/∂W₁‖ / ‖∂L/∂W_last‖",
    "ratio_undefined": "undefined (0/0)",
    "m_saturated": "Pre-activations in a flat zone",
    "m_dead": "Units flat on the whole batch",
    "seed_note": "Seed {seed}; {batch} points of the circle dataset. The same settings always "
                 "give the same numbers.",
    "std_title": "Activation spread per layer",
    "s_act_std": "std of activations",
    "std_axis": "standard deviation (log)",
    "std_axis_lin": "standard deviation",
    "grad_title": "Gradient size per layer",
    "s_grad_w": "‖∂L/∂W‖ weights",
    "s_grad_h": "‖∂L/∂h‖ activations",
    "grad_axis": "norm (log)",
    "grad_axis_lin": "norm",
    "layer": "hidden layer",
    "dist_title": "Activation distributions",
    "value": "activation value",
    "density": "density",
    "dist_nonfinite": "{share:.1%} of the values are inf/NaN and are not drawn.",
    "act_title": "{name} and its derivative",
    "s_f": "f(z)",
    "s_df": "f′(z)",
    "flat_zone": "flat zone: f′ below 5% of its peak",
    "sym_title": "Symmetry: identical units",
    "sym_text": "In {layers} of {depth} layers all {width} units are copies of one unit. Units that start equal receive equal "
                "gradients and stay equal, so the layer acts like a single unit however wide it "
                "is. Random initialization is what breaks the tie.",
    "distinct_axis": "distinct units",
    "log_missing": "Not drawn, because a log axis cannot show 0, inf or NaN: layers {layers}.",
    "all_zero": "Every value here is exactly 0, so this chart uses a linear axis (a log axis "
                "has no 0).",
    "table_title": "The numbers behind the charts",
    "why_title": "Why it happens",
    "why": """
**Interview questions:** *How should the weights be initialized? Why do gradients vanish or
explode, and what helps? Why not start every weight at zero, or at the same constant?*

- **A product of layer factors.** Back-propagation reaches layer 1 by multiplying, once per
  layer, a weight matrix and the activation's derivative. When those factors are a little below
  1 the product shrinks geometrically with depth (vanishing); a little above 1 and it grows
  geometrically (exploding).
- **Sigmoid makes it worse.** Its derivative is at most 0.25, and almost 0 once |z| is beyond
  about 4 (the shaded zone). Ten sigmoid layers can scale the gradient by 0.25¹⁰ ≈ 10⁻⁶.
- **Initialization sets the factor.** Glorot & Bengio (2010) pick the weight variance
  2 / (fan_in + fan_out) so that a near-linear activation such as tanh keeps the spread of both
  the forward signal and the backward gradient. ReLU zeroes half of its inputs, so He et al.
  (2015) double the variance to 2 / fan_in. Too small a σ shrinks the signal layer after
  layer; too large a σ saturates tanh or blows up ReLU.
- **Zero or constant start.** Every unit of a layer then computes the same function, gets the
  same gradient and stays a copy of its neighbours. With zeros and tanh no gradient reaches the
  hidden weights at all.
- **Other remedies.** ReLU-type activations (derivative 1 on the active side), batch or layer
  normalization (rescales each layer's input), residual connections (an identity path for the
  gradient), and gradient clipping against explosions.

**Try:** sigmoid at depth 10 → vanishing; ReLU with xavier_normal vs kaiming_normal at depth 30;
normal with scale 0.01; zeros, then constant; sigmoid at depth 30 with batch normalization or
residual connections.
""",
    "ab": "Compare with B",
    "ab_help": "Probe a second network, B, next to this one (A): same width, same batch, same "
               "seed. B follows A's settings until you change one of B's controls.",
    "b_group": "Setting B",
    "b_note": "“= A” follows A's value; pick a value to make B differ.",
    "ab_tag": "{who}: ",
    "ab_series": "{who}: {what}",
    "ab_item": "{label} {value}",
    "ab_sep": ", ",
    "ab_differs": "B differs from A in: {what}. Same width, same data, same seed.",
    "ab_same": "B equals A: change one of B's controls in the sidebar to compare.",
    "ab_table": "Setting B:",
    "script": "PyTorch script",
    "script_help": "Download this setup as a standalone PyTorch script (numpy and torch only): it "
                   "rebuilds the same network and batch, runs one forward and one backward pass and "
                   "prints each layer's weight-gradient norm and the layer 1 / last layer ratio "
                   "shown here.",
}

ZH = {
    "title": "梯度流",
    "question": "深层网络里梯度为什么会消失或爆炸？初始化和激活函数起什么作用？",
    "card": "让刚初始化的网络做一次前向、一次反向传播，逐层查看激活值的分布和梯度的大小。",
    "lead": "一个刚初始化、尚未训练的网络接收一批数据：只做一次前向传播和一次反向传播。  \n"
            "观察从第一个隐藏层到最后一层，激活值的离散程度和梯度的大小如何变化。",
    "controls": "网络设置",
    "depth": "深度（隐藏层数）",
    "width": "宽度（每层单元数）",
    "activation": "激活函数",
    "init": "初始化方法",
    "scale": "初始化缩放",
    "scale_help": "乘在论文规定的标准差上。对 normal、uniform、trunc_normal 和 constant，"
                  "它就是 σ、区间上界或常数本身。",
    "scale_zeros": "所有权重都从 0 开始，缩放不起作用。",
    "scale_constant": "所有权重都取同一个值 c = 缩放。",
    "scale_normal": "W ~ N(0, σ²)，σ = 缩放。",
    "scale_uniform": "W ~ U(−a, a)，a = 缩放。",
    "scale_trunc_normal": "N(0, σ²) 截断在 ±2σ，σ = 缩放。",
    "scale_xavier_uniform": "U(−b, b)，b = 缩放·√(6 / (fan_in + fan_out))（Glorot & Bengio 2010）。",
    "scale_xavier_normal": "σ = 缩放·√(2 / (fan_in + fan_out))（Glorot & Bengio 2010）。",
    "scale_kaiming_uniform": "U(−b, b)，b = 缩放·√(6 / ((1 + a²)·fan_in))，a 为 Leaky 斜率"
                             "（He 等 2015）。",
    "scale_kaiming_normal": "σ = 缩放·√(2 / ((1 + a²)·fan_in))，a 为 Leaky 斜率（He 等 2015）。",
    "scale_lecun_normal": "σ = 缩放·√(1 / fan_in)（LeCun 等 1998）。",
    "scale_orthogonal": "随机正交矩阵乘以缩放（Saxe 等 2014）。",
    "norm": "归一化",
    "residual": "残差连接",
    "batch": "探测批大小",
    "seed": "随机种子",
    "computing": "正在做一次前向和一次反向传播…",
    "verdict_stable": "第 1 层得到的权重梯度是第 {depth} 层的 {ratio:.1e} 倍：梯度以可用的大小传到了第一层。",
    "verdict_tiny": "第 1 层得到的权重梯度是第 {depth} 层的 {ratio:.1e} 倍，但这个梯度本身极小："
                    "范数只有 {size:.1e}，低于 {usable}；即使学习率为 1，一步也只让第 1 层的权重"
                    "移动不到 {usable}。第 1 层几乎学不动。",
    "verdict_vanishing": "第 1 层得到的权重梯度是第 {depth} 层的 {ratio:.1e} 倍：梯度消失，前面几层几乎学不动。",
    "verdict_exploding": "第 1 层得到的权重梯度是第 {depth} 层的 {ratio:.1e} 倍：梯度爆炸，前面几层的更新远大于后面几层。",
    "verdict_zero": "所有隐藏层的权重梯度都恰好为 0：学习信号到不了隐藏层，训练根本无法开始。",
    "verdict_overflow": "从第 {layer} 层起数值溢出为 inf/NaN：网络已经爆炸。图中只画出有限的数值。",
    "m_loss": "这批数据上的损失",
    "m_ratio": "‖∂L/∂W₁‖ / ‖∂L/∂W_末层‖",
    "ratio_undefined": "无定义（0/0）",
    "m_saturated": "落在平坦区的预激活",
    "m_dead": "整批数据上都处于平坦区的单元",
    "seed_note": "随机种子 {seed}；圆形数据集中的 {batch} 个点。相同设置总是得到相同结果。",
    "std_title": "各层激活值的离散程度",
    "s_act_std": "激活值标准差",
    "std_axis": "标准差（对数轴）",
    "std_axis_lin": "标准差",
    "grad_title": "各层梯度大小",
    "s_grad_w": "‖∂L/∂W‖ 权重",
    "s_grad_h": "‖∂L/∂h‖ 激活值",
    "grad_axis": "范数（对数轴）",
    "grad_axis_lin": "范数",
    "layer": "隐藏层",
    "dist_title": "激活值分布",
    "value": "激活值",
    "density": "密度",
    "dist_nonfinite": "{share:.1%} 的数值为 inf/NaN，未画出。",
    "act_title": "{name} 及其导数",
    "s_f": "f(z)",
    "s_df": "f′(z)",
    "flat_zone": "平坦区：f′ 低于峰值的 5%",
    "sym_title": "对称性：一模一样的单元",
    "sym_text": "{depth} 层中有 {layers} 层的 {width} 个单元全是同一个单元的复制品。"
                "起点相同的单元得到相同的梯度，之后也一直相同，于是无论这一层多宽，都只相当于一个单元。"
                "正是随机初始化打破了这种对称。",
    "distinct_axis": "不同单元数",
    "log_missing": "对数轴无法显示 0、inf 或 NaN，以下层未画出：{layers}。",
    "all_zero": "这里每个值都恰好为 0，因此本图改用线性轴（对数轴上没有 0）。",
    "table_title": "图表背后的数值",
    "why_title": "原因",
    "why": """
**对应的面试题：** *权重应该怎样初始化？梯度为什么会消失或爆炸，有哪些办法？为什么不能把所有权重都设为 0 或同一个常数？*

- **逐层相乘。** 反向传播要到达第 1 层，需要每经过一层就乘上一次权重矩阵和激活函数的导数。
  这些因子略小于 1 时，乘积随深度按指数缩小（梯度消失）；略大于 1 时则按指数增大（梯度爆炸）。
- **sigmoid 雪上加霜。** 它的导数最大只有 0.25，|z| 超过 4 左右后几乎为 0（图中灰色区域）。
  十层 sigmoid 就可能把梯度缩小到 0.25¹⁰ ≈ 10⁻⁶。
- **初始化决定这个因子。** Glorot 与 Bengio（2010）把权重方差取为 2 / (fan_in + fan_out)，
  让 tanh 这类在 0 附近近似线性的激活函数，前向信号和反向梯度的离散程度都保持不变。
  ReLU 会把一半输入置零，所以 He 等（2015）把方差加倍为 2 / fan_in。
  σ 太小，信号一层层变弱；σ 太大，tanh 进入饱和区，ReLU 则数值爆炸。
- **全零或常数初始化。** 同一层的每个单元计算同一个函数、得到同一个梯度，永远是彼此的复制品。
  全零加 tanh 时，隐藏层权重甚至收不到任何梯度。
- **其他办法。** ReLU 一类激活函数（激活一侧导数为 1）、批归一化或层归一化（重新缩放每层的输入）、
  残差连接（给梯度一条恒等通路），以及用梯度裁剪对付爆炸。

**试一试：** sigmoid、深度 10 → 梯度消失；深度 30 时 ReLU 配 xavier_normal 与 kaiming_normal 对比；
normal 配缩放 0.01；zeros，然后 constant；深度 30 的 sigmoid 加上批归一化或残差连接。
""",
    "ab": "与 B 对比",
    "ab_help": "在当前网络（A）旁边再探测第二个网络 B：宽度、批次和种子都相同。"
               "在修改 B 的某个控件之前，B 沿用 A 的设置。",
    "b_group": "设置 B",
    "b_note": "“= A”表示沿用 A 的取值；选一个值让 B 与 A 不同。",
    "ab_tag": "{who}：",
    "ab_series": "{who}：{what}",
    "ab_item": "{label}为 {value}",
    "ab_sep": "，",
    "ab_differs": "B 与 A 的不同之处：{what}。宽度、数据与种子相同。",
    "ab_same": "B 与 A 完全相同：在侧边栏修改 B 的控件即可对比。",
    "ab_table": "设置 B：",
    "script": "PyTorch 脚本",
    "script_help": "把当前设置下载为一个独立的 PyTorch 脚本（只需 numpy 和 torch）："
                   "它重建同样的网络和同一批数据，做一次前向和一次反向传播，"
                   "打印每层权重梯度的范数以及本页显示的第 1 层与末层之比。",
}
