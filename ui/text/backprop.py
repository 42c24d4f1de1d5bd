"""Texts of the Backpropagation page."""
EN = {
    "title": "Backpropagation",
    "question": "How does backpropagation compute every gradient, and what are its four "
                "equations?",
    "card": "Step one example through a small network: every value of the forward pass on its "
            "graph, then each layer's delta and gradients by the four equations, next to "
            "autograd's.",
    "lead": "One example goes forward through a small network, layer by layer, and the loss "
            "sends its error back. Move the step slider to follow it; every number by hand sits "
            "next to what PyTorch's autograd gets.",
    "c_net": "Network",
    "depth": "Hidden layers",
    "width": "Units per hidden layer",
    "activation": "Hidden activation",
    "output": "Output and loss",
    "init": "Initialization",
    "scale": "Weight scale",
    "scale_help": "Multiplies every initial weight (with constant initialization it is the "
                  "constant itself): above 1 the layers' Jacobians grow, below 1 they shrink.",
    "seed": "Seed (initial weights)",
    "c_example": "The example",
    "target": "Target y",
    "step": "Step",
    "step_help": "Forward through each layer, then backward from the output to layer 1.",
    "now_forward": "**Step {step} of {steps}: forward through {where}.** Each unit adds up its "
                   "weighted inputs and its bias (z), then applies its activation (a).",
    "now_backward": "**Step {step} of {steps}: backward through {where}.** Units reached show "
                    "δ = ∂C/∂z, lines the weight gradients ∂C/∂w.",
    "verdict": "The four equations give autograd's gradients: the largest difference is {gap}, "
               "float64 rounding. Loss C = {loss}.",
    "verdict_softplus": "The four equations give autograd's gradients to within {gap}: above "
                        "z = 20 torch takes softplus to be z itself, which differs from "
                        "log(1 + e^z) by less than e⁻²⁰. Loss C = {loss}.",
    "verdict_exact": "The four equations give exactly autograd's gradients, to the last bit. "
                     "Loss C = {loss}.",
    "by_hand": "**By the four equations**",
    "by_autograd": "**autograd** (`loss.backward()` on the torch modules)",
    "h_input": "input",
    "h_layer": "layer {l}",
    "h_output": "output",
    "h_loss": "loss",
    "m_out": "output a",
    "m_delta": "δ at the output",
    "m_ratio": "‖∂C/∂W¹‖ / ‖∂C/∂W at the output‖",
    "m_ratio_help": "How much smaller layer 1's weight gradient is than the output layer's.",
    "m_ratio_undefined": "0 / 0",
    "table_title": "The four equations on every layer",
    "table_lead": "δ of the output by equation 1, of each hidden layer by equation 2; ∂C/∂b = δ "
                  "(equation 3) and ∂C/∂W = δ aᵀ (equation 4), row by row. The last column is "
                  "the largest difference from autograd over δ, ∂C/∂b and ∂C/∂W.",
    "t_layer": "layer",
    "t_autograd_delta": "δ by autograd",
    "t_gap": "largest difference",
    "jac_title": "Jacobians: why gradients shrink or grow with depth",
    "jac_panel": "∂a{l}/∂a{prev}: ‖J‖ = {norm}",
    "reach_title": "‖∂C/∂a‖ reaching each layer, and its bound: ‖∂C/∂a‖ at the output times "
                   "the norms ‖J‖ of the layers in between",
    "s_actual": "measured",
    "s_bound": "bound",
    "reach_x": "layer (0 = the input x)",
    "reach_y": "gradient size",
    "reach_missing": "Not drawn, because a log axis cannot show 0: layers {layers}.",
    "reach_text": "Each layer's Jacobian J = diag(f′(z)) W says how a small change of its input "
                  "moves its output. Going backward, the gradient is multiplied by Jᵀ once per "
                  "layer, so it can grow by at most ‖J‖ (the largest singular value) each time, "
                  "and the bound is the product of those norms: here {product}. {name}'s slope "
                  "f′ is never above {peak}, so unless the weights are large every factor pulls "
                  "the gradient down. With ten layers instead of a few, the same product decides "
                  "whether layer 1 learns at all.",
    "to_gradient_flow": "See it over 10 layers of {name} on Gradient flow",
    "why_title": "Why it matters",
    "why": """
**Interview questions:** *Derive backpropagation. What are its four equations? Why do
gradients vanish or explode?*

- **The chain rule, organised.** The loss depends on a weight only through the units after it.
  Backpropagation stores δ = ∂C/∂z for each unit, starting at the output, so every gradient is
  one multiplication away: nothing is differentiated twice.
- **The four equations.** (1) at the output, δ = ∂C/∂a · f′(z); (2) one layer down,
  δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ f′(zˡ); (3) ∂C/∂bˡ = δˡ; (4) ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ, so a weight's
  gradient is the error at its end times the activity at its start.
- **What the equations show.** A unit with f′(z) = 0 (a ReLU below zero, a saturated sigmoid)
  passes no error back and its incoming weights get no gradient. A weight from an input of 0
  gets none either. With a sigmoid output, cross-entropy makes the output's δ simply a − y,
  while squared error multiplies it by σ′(z), which is tiny when the output is confidently
  wrong.
- **Cost.** One backward pass costs a small multiple of the forward pass (about two), however
  many weights there are. Nudging each weight on its own to measure its derivative would cost
  one forward pass per weight.
- **Vanishing and exploding.** Equation 2 multiplies by f′ and by a transposed weight matrix at
  every layer; many factors below 1 shrink the gradient geometrically, many above 1 blow it up.

**Try:** ReLU with a negative input to find a unit whose δ is 0; sigmoid with squared error and
a wrong target; a weight scale of 4 with tanh, then with linear units.
""",
}

ZH = {
    "title": "反向传播",
    "question": "反向传播如何算出每一个梯度？它的四个公式是什么？",
    "card": "让一个样本一步步穿过小网络：前向传播的每个数值都标在计算图上，再用四个公式逐层算出 δ 和梯度，"
            "并与 autograd 的结果对照。",
    "lead": "一个样本逐层向前穿过小网络，损失再把误差往回传。拖动“步骤”滑块跟着走一遍；每个手算的数字旁边"
            "都有 PyTorch autograd 的结果。",
    "c_net": "网络",
    "depth": "隐藏层数",
    "width": "每层单元数",
    "activation": "隐藏层激活函数",
    "output": "输出与损失",
    "init": "初始化",
    "scale": "权重缩放",
    "scale_help": "把每个初始权重乘以这个倍数（常数初始化时它就是那个常数）：大于 1 时各层的雅可比矩阵变大，"
                  "小于 1 时变小。",
    "seed": "随机种子（初始权重）",
    "c_example": "样本",
    "target": "目标 y",
    "step": "步骤",
    "step_help": "先逐层前向，再从输出层反向回到第 1 层。",
    "now_forward": "**第 {step} 步，共 {steps} 步：前向经过{where}。** 每个单元先求输入的加权和再加偏置（z），"
                   "然后套上激活函数（a）。",
    "now_backward": "**第 {step} 步，共 {steps} 步：反向经过{where}。** 已到达的单元显示 δ = ∂C/∂z，"
                    "连线显示权重梯度 ∂C/∂w。",
    "verdict": "四个公式算出的梯度与 autograd 一致：最大差异 {gap}，只是 float64 的舍入误差。损失 C = {loss}。",
    "verdict_softplus": "四个公式算出的梯度与 autograd 相差不超过 {gap}：z 大于 20 时 torch 直接把 softplus 取作 z，"
                        "与 log(1 + e^z) 相差不到 e⁻²⁰。损失 C = {loss}。",
    "verdict_exact": "四个公式算出的梯度与 autograd 完全相同，连最后一位都一样。损失 C = {loss}。",
    "by_hand": "**按四个公式手算**",
    "by_autograd": "**autograd**（对 torch 模块调用 `loss.backward()`）",
    "h_input": "输入",
    "h_layer": "第 {l} 层",
    "h_output": "输出层",
    "h_loss": "损失",
    "m_out": "输出 a",
    "m_delta": "输出层的 δ",
    "m_ratio": "‖∂C/∂W¹‖ / ‖输出层的 ∂C/∂W‖",
    "m_ratio_help": "第 1 层的权重梯度比输出层小多少。",
    "m_ratio_undefined": "0 / 0",
    "table_title": "四个公式在每一层的结果",
    "table_lead": "输出层的 δ 来自公式 1，各隐藏层的 δ 来自公式 2；∂C/∂b = δ（公式 3），∂C/∂W = δ aᵀ"
                  "（公式 4），按行展开。最后一列是 δ、∂C/∂b、∂C/∂W 与 autograd 之间的最大差异。",
    "t_layer": "层",
    "t_autograd_delta": "autograd 的 δ",
    "t_gap": "最大差异",
    "jac_title": "雅可比矩阵：梯度为何随深度缩小或放大",
    "jac_panel": "∂a{l}/∂a{prev}：‖J‖ = {norm}",
    "reach_title": "到达每一层的 ‖∂C/∂a‖ 及其上界：输出处的 ‖∂C/∂a‖ 乘以中间各层的范数 ‖J‖",
    "s_actual": "实测",
    "s_bound": "上界",
    "reach_x": "层（0 = 输入 x）",
    "reach_y": "梯度大小",
    "reach_missing": "对数坐标无法显示 0，未画出：第 {layers} 层。",
    "reach_text": "每层的雅可比矩阵 J = diag(f′(z)) W 描述输入的微小变化如何带动输出。反向时梯度每经过一层就乘一次 "
                  "Jᵀ，每次最多放大 ‖J‖ 倍（最大奇异值），所以上界是这些范数的乘积：这里为 {product}。"
                  "{name} 的斜率 f′ 从不超过 {peak}，除非权重很大，每一层都会把梯度压小。层数从几层变成十层时，"
                  "正是这个乘积决定第 1 层还能不能学到东西。",
    "to_gradient_flow": "到“梯度流动”页看 10 层 {name} 网络的情况",
    "why_title": "为什么重要",
    "why": """
**面试问题：** *推导反向传播。它的四个公式是什么？梯度为什么会消失或爆炸？*

- **有条理地使用链式法则。** 损失只通过某个权重之后的单元依赖于它。反向传播从输出层开始为每个单元保存
  δ = ∂C/∂z，于是每个梯度只差一次乘法，没有任何导数被重复计算。
- **四个公式。** (1) 输出层：δ = ∂C/∂a · f′(z)；(2) 往下一层：δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ f′(zˡ)；
  (3) ∂C/∂bˡ = δˡ；(4) ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ，即一个权重的梯度等于它终点的误差乘以起点的激活值。
- **公式揭示了什么。** f′(z) = 0 的单元（小于零的 ReLU、饱和的 sigmoid）不再往回传误差，其输入权重也得不到梯度；
  输入为 0 的连线同样没有梯度。输出用 sigmoid 时，交叉熵让输出层的 δ 恰好等于 a − y，而平方误差还要乘上
  σ′(z)：输出错得越自信，这个因子越接近 0。
- **代价。** 无论权重有多少，一次反向传播的计算量只是前向传播的一个小倍数（约两倍）；若逐个扰动权重去测导数，
  每个权重都要多做一次前向传播。
- **消失与爆炸。** 公式 2 在每一层都乘上 f′ 和一个转置的权重矩阵；许多小于 1 的因子让梯度按几何级数缩小，
  许多大于 1 的因子则让它爆炸。

**试试：** 用 ReLU 和一个负的输入，找一个 δ 为 0 的单元；sigmoid 加平方误差，目标设成错的那一类；
权重缩放取 4，先用 tanh，再用线性单元。
""",
}
