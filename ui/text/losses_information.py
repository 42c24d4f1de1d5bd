"""Texts of the Losses & information page."""
EN = {
    "title": "Losses & information",
    "question": "How are entropy, cross-entropy and KL divergence related, why does a sigmoid "
                "output train with cross-entropy rather than squared error, and why does softmax "
                "subtract the maximum?",
    "card": "Edit two distributions and watch H(p, q) = H(p) + KL(p‖q); compare the gradients of "
            "cross-entropy and squared error; make a naive softmax overflow.",
    "lead": "Three small calculations behind every classifier's loss, each computed exactly.  \n"
            "Edit the distributions, move the prediction and scale the logits: every number "
            "below follows at once.",
    "c_dist": "Distributions",
    "p": "p: true distribution (weights)",
    "q": "q: model's distribution (weights)",
    "weights_help": "2 to 8 non-negative numbers separated by commas, e.g. 5, 3, 1, 1. They are "
                    "divided by their sum, so 5, 3, 1, 1 and 0.5, 0.3, 0.1, 0.1 are the same.",
    "mix": "Move q toward p",
    "mix_help": "Uses (1 − t)·q + t·p: at 100 % the two distributions are equal and KL(p‖q) is 0.",
    "c_sig": "Sigmoid output",
    "target": "Target y",
    "z0": "Pre-activation z of the prediction",
    "c_soft": "Softmax",
    "logits": "Logits (before scaling)",
    "logits_help": "2 to 8 numbers separated by commas; negative values are fine.",
    "scale": "Multiply the logits by",
    "dtype": "Floating-point precision",
    "bad_not_number": "“{token}” in {field} is not a finite number: left out.",
    "bad_negative": "“{token}” in {field} is negative: left out.",
    "bad_too_many": "{field} keeps at most 8 entries: “{token}” left out.",
    "bad_large": "“{token}” in {field} is beyond ±{limit}, where even the stable softmax "
                 "overflows once scaled: left out.",
    "bad_few": "{field} needs at least 2 usable entries: using the default {default}.",
    "bad_zero": "{field} adds up to 0, which is no distribution: using the default {default}.",
    "bad_length": "p has {np} categories and q has {nq}: only the first {n} of each are used.",
    "bad_cut": "The first {n} entries of {field} add up to 0, which is no distribution: using "
               "the defaults p = {p} and q = {q}.",
    "dist_title": "Entropy, cross-entropy and KL divergence",
    "normalised": "After dividing by their sums: p = ({p}), q = ({q}).",
    "s_p": "p",
    "s_q": "q",
    "category": "category",
    "probability": "probability",
    "nats": "nats",
    "part_h": "entropy",
    "part_kl": "KL divergence",
    "row_pq": "cross-entropy H(p, q)",
    "row_qp": "cross-entropy H(q, p)",
    "m_hp": "H(p)",
    "m_hq": "H(q)",
    "m_hpq": "H(p, q)",
    "m_kl": "KL(p‖q)",
    "m_klqp": "KL(q‖p)",
    "identity": "H(p, q) = H(p) + KL(p‖q):  {hpq} = {hp} + {kl} nats.  Swapping the roles gives "
                "KL(q‖p) = {klqp}: KL is not symmetric.",
    "kl_inf": "q gives probability 0 to a category that p gives mass: cross-entropy and KL are "
              "infinite (log 0), so that bar is not drawn. A model that is certain and wrong "
              "pays an unbounded loss.",
    "kl_zero": "p and q are equal: KL(p‖q) = 0 and the cross-entropy is as small as it can be, "
               "H(p, q) = H(p).",
    "ce_title": "Cross-entropy vs squared error on a sigmoid output",
    "ce_lead": "One output a = σ(z) and a target y. Cross-entropy: −y log a − (1 − y) log(1 − a), "
               "gradient ∂L/∂z = a − y. Squared error: (a − y)², gradient 2(a − y)·a(1 − a).",
    "verdict_wrong": "At z = {z} the output is a = {a} for the target {y}: confidently wrong. "
                     "Cross-entropy pushes with ∂L/∂z = {dce}; squared error with only {dmse} "
                     "({ratio} times weaker), because a(1 − a) is almost 0.",
    "verdict_ok": "At z = {z} the output is a = {a} for the target {y}. Cross-entropy's gradient "
                  "is {dce}, squared error's {dmse}.",
    "m_a": "a = σ(z)",
    "m_dce": "∂ cross-entropy / ∂z",
    "m_dmse": "∂ squared error / ∂z",
    "s_bce": "cross-entropy",
    "s_mse": "squared error",
    "z_axis": "pre-activation z",
    "loss_title": "Loss",
    "loss_axis": "loss",
    "grad_title": "Gradient with respect to z",
    "grad_axis": "∂L/∂z",
    "wrong_zone": "confidently wrong: |σ(z) − y| > 0.9",
    "soft_title": "Softmax: the textbook formula against the stable one",
    "soft_lead": "exp(x) overflows above {limit} in {dtype}. The largest scaled logit here is "
                 "{top}.",
    "soft_broken": "The textbook formula exp(xᵢ) / Σ exp(xⱼ) fails: {what}. Subtracting the largest "
                   "logit first gives the same function without any overflow.",
    "soft_fine": "Both formulas agree here; scale the logits up until exp(x) overflows.",
    "what_nan": "exp overflows to inf, and inf / inf = NaN",
    "what_zero": "the sum of the exponentials overflows, so every probability becomes 0",
    "m_lse_naive": "log Σ exp(x), as written",
    "m_lse_stable": "log-sum-exp, max subtracted",
    "col_i": "i",
    "col_x": "scaled logit x",
    "col_exp": "exp(x)",
    "col_naive": "textbook softmax",
    "col_stable": "stable softmax",
    "col_log": "log-softmax",
    "stable_title": "Stable softmax",
    "why_title": "Why",
    "why": """
**Interview questions:** *What are entropy, cross-entropy and KL divergence, and how are they
related? Why does cross-entropy work better than squared error for sigmoid and softmax outputs?
How do you avoid overflow when computing softmax?*

- **Entropy** H(p) = −Σ p log p is the average surprise of outcomes drawn from p: the shortest
  average code length. It is largest, log n, for the uniform distribution and 0 when one outcome
  is certain.
- **Cross-entropy** H(p, q) = −Σ p log q is the average code length when the data come from p but
  the code was built for q. It is never below H(p); the excess is the **KL divergence**
  KL(p‖q) = Σ p log(p / q) ≥ 0, which is 0 exactly when q = p. Since H(p) does not depend on the
  model, minimising cross-entropy and minimising KL are the same thing, and both are maximum
  likelihood. KL is not a distance: KL(p‖q) ≠ KL(q‖p).
- **Sigmoid with squared error.** The chain rule multiplies the error by σ′(z) = a(1 − a) ≤ 1/4.
  When the output saturates on the wrong side (a ≈ 0 for y = 1), that factor is almost 0, so the
  worst predictions get the smallest updates and learning stalls. With cross-entropy the log
  cancels the sigmoid's derivative: ∂L/∂z = a − y, large when wrong, small when right. Squared
  error with a sigmoid is also not convex in z.
- **Softmax overflow.** Softmax does not change when the same constant is subtracted from every
  logit. Subtracting the largest one makes the largest exponent exp(0) = 1: nothing overflows and
  the denominator is at least 1. For the log of softmax, use x − logsumexp(x) directly: taking the
  log of a probability that has already underflowed to 0 gives −∞.

**Try:** give q a 0 where p is not 0; pull q all the way to p; target 1 with z = −8; float32 with
the scale 30, then float64 with 1000.
""",
}

ZH = {
    "title": "损失与信息",
    "question": "熵、交叉熵和 KL 散度是什么关系？sigmoid 输出为什么用交叉熵而不用平方误差训练？"
                "softmax 为什么要先减去最大值？",
    "card": "编辑两个分布，验证 H(p, q) = H(p) + KL(p‖q)；比较交叉熵与平方误差的梯度；"
            "让朴素的 softmax 溢出。",
    "lead": "每个分类器的损失背后都有这三个小计算，这里逐一精确算出。  \n"
            "修改分布、移动预测值、放大 logits，下面的每个数字都会立即更新。",
    "c_dist": "分布",
    "p": "p：真实分布（权重）",
    "q": "q：模型的分布（权重）",
    "weights_help": "2 到 8 个非负数，用逗号分隔，例如 5, 3, 1, 1。它们会除以总和，"
                    "所以 5, 3, 1, 1 和 0.5, 0.3, 0.1, 0.1 是同一个分布。",
    "mix": "把 q 移向 p",
    "mix_help": "使用 (1 − t)·q + t·p：到 100 % 时两个分布相同，KL(p‖q) 为 0。",
    "c_sig": "sigmoid 输出",
    "target": "目标 y",
    "z0": "预测的预激活值 z",
    "c_soft": "softmax",
    "logits": "logits（缩放前）",
    "logits_help": "2 到 8 个数，用逗号分隔；可以是负数。",
    "scale": "logits 乘以",
    "dtype": "浮点精度",
    "bad_not_number": "{field} 中的“{token}”不是有限的数，已忽略。",
    "bad_negative": "{field} 中的“{token}”是负数，已忽略。",
    "bad_too_many": "{field} 最多保留 8 项，“{token}”已忽略。",
    "bad_large": "{field} 中的“{token}”超出 ±{limit}，缩放后连稳定的 softmax 也会溢出，已忽略。",
    "bad_few": "{field} 至少需要 2 个可用的数，已改用默认值 {default}。",
    "bad_zero": "{field} 的总和为 0，不是一个分布，已改用默认值 {default}。",
    "bad_length": "p 有 {np} 个类别，q 有 {nq} 个：只使用各自的前 {n} 个。",
    "bad_cut": "{field} 的前 {n} 项总和为 0，不是一个分布：改用默认值 p = {p}，q = {q}。",
    "dist_title": "熵、交叉熵与 KL 散度",
    "normalised": "除以各自总和之后：p = ({p})，q = ({q})。",
    "s_p": "p",
    "s_q": "q",
    "category": "类别",
    "probability": "概率",
    "nats": "奈特（nats）",
    "part_h": "熵",
    "part_kl": "KL 散度",
    "row_pq": "交叉熵 H(p, q)",
    "row_qp": "交叉熵 H(q, p)",
    "m_hp": "H(p)",
    "m_hq": "H(q)",
    "m_hpq": "H(p, q)",
    "m_kl": "KL(p‖q)",
    "m_klqp": "KL(q‖p)",
    "identity": "H(p, q) = H(p) + KL(p‖q)：{hpq} = {hp} + {kl} 奈特。交换两者的角色得到 "
                "KL(q‖p) = {klqp}：KL 散度不对称。",
    "kl_inf": "q 给某个类别的概率是 0，而 p 在这个类别上有概率：交叉熵和 KL 散度都是无穷大（log 0），"
              "所以那一条没有画出。一个确信却判断错误的模型要付出无上限的损失。",
    "kl_zero": "p 与 q 相同：KL(p‖q) = 0，交叉熵取到最小值 H(p, q) = H(p)。",
    "ce_title": "sigmoid 输出上的交叉熵与平方误差",
    "ce_lead": "一个输出 a = σ(z) 和目标 y。交叉熵：−y log a − (1 − y) log(1 − a)，"
               "梯度 ∂L/∂z = a − y。平方误差：(a − y)²，梯度 2(a − y)·a(1 − a)。",
    "verdict_wrong": "在 z = {z} 处，目标为 {y}，输出 a = {a}：确信地错了。交叉熵以 ∂L/∂z = {dce} "
                     "推动它；平方误差只有 {dmse}（弱 {ratio} 倍），因为 a(1 − a) 几乎为 0。",
    "verdict_ok": "在 z = {z} 处，目标为 {y}，输出 a = {a}。交叉熵的梯度为 {dce}，平方误差的为 {dmse}。",
    "m_a": "a = σ(z)",
    "m_dce": "∂ 交叉熵 / ∂z",
    "m_dmse": "∂ 平方误差 / ∂z",
    "s_bce": "交叉熵",
    "s_mse": "平方误差",
    "z_axis": "预激活值 z",
    "loss_title": "损失",
    "loss_axis": "损失",
    "grad_title": "对 z 的梯度",
    "grad_axis": "∂L/∂z",
    "wrong_zone": "确信地错了：|σ(z) − y| > 0.9",
    "soft_title": "softmax：教科书公式与稳定写法",
    "soft_lead": "在 {dtype} 中，exp(x) 在 x 超过 {limit} 时上溢。这里缩放后最大的 logit 是 {top}。",
    "soft_broken": "教科书公式 exp(xᵢ) / Σ exp(xⱼ) 失效：{what}。先减去最大的 logit，"
                   "得到的是同一个函数，却不会溢出。",
    "soft_fine": "这里两种写法结果一致；继续放大 logits，直到 exp(x) 溢出。",
    "what_nan": "exp 上溢为 inf，而 inf / inf = NaN",
    "what_zero": "指数之和上溢，于是每个概率都变成 0",
    "m_lse_naive": "按定义计算 log Σ exp(x)",
    "m_lse_stable": "减去最大值的 log-sum-exp",
    "col_i": "i",
    "col_x": "缩放后的 logit x",
    "col_exp": "exp(x)",
    "col_naive": "教科书 softmax",
    "col_stable": "稳定 softmax",
    "col_log": "log-softmax",
    "stable_title": "稳定的 softmax",
    "why_title": "原因",
    "why": """
**对应的面试题：** *什么是熵、交叉熵和 KL 散度，它们有什么关系？对 sigmoid 和 softmax 输出，
为什么交叉熵比平方误差效果好？计算 softmax 时如何避免溢出？*

- **熵** H(p) = −Σ p log p 是从 p 中抽样时平均的“意外程度”，也就是最短的平均编码长度。
  均匀分布时最大，为 log n；某个结果确定发生时为 0。
- **交叉熵** H(p, q) = −Σ p log q 是数据来自 p、编码却按 q 设计时的平均编码长度。它不会小于 H(p)，
  多出来的部分就是 **KL 散度** KL(p‖q) = Σ p log(p / q) ≥ 0，当且仅当 q = p 时为 0。
  H(p) 与模型无关，所以最小化交叉熵等价于最小化 KL 散度，二者又都等价于最大似然。
  KL 散度不是距离：KL(p‖q) ≠ KL(q‖p)。
- **sigmoid 配平方误差。** 链式法则会把误差乘上 σ′(z) = a(1 − a) ≤ 1/4。
  当输出在错误的一侧饱和（y = 1 时 a ≈ 0），这个因子几乎为 0，错得最离谱的预测反而更新最小，学习停滞。
  用交叉熵时，log 恰好抵消了 sigmoid 的导数：∂L/∂z = a − y，错得多梯度就大，对了梯度才小。
  此外，sigmoid 加平方误差关于 z 也不是凸函数。
- **softmax 溢出。** 所有 logit 同时减去同一个常数，softmax 不变。减去最大的那个，最大的指数就是
  exp(0) = 1：不会上溢，分母也至少为 1。需要 softmax 的对数时，直接用 x − logsumexp(x)：
  对一个已经下溢成 0 的概率取对数只会得到 −∞。

**试一试：** 让 q 在 p 不为 0 的类别上取 0；把 q 一直拉到 p；目标 1、z = −8；
float32 配缩放 30，再试 float64 配 1000。
""",
}
