"""Texts of the Training page."""
EN = {
    "title": "Training",
    "question": "What do depth, initialization, activation, learning rate and batch size change "
                "while a network learns, and what happens to the gradients inside?",
    "card": "A real network learns a 2-D dataset live: decision boundary, train and test loss, "
            "and the gradient of every hidden layer over time.",
    "lead": "Press Play and a real PyTorch network trains on the points below, minibatch by "
            "minibatch.  \nThe diagram shows what each unit computes and each weight's size, the "
            "map what the network predicts; the charts further down follow loss and gradients.",
    "data": "Data",
    "dataset": "Dataset",
    "classes": "Classes",
    "classes_help": "Gaussian blobs and spirals can have 3 to 5 classes (softmax output).",
    "noise": "Noise (%)",
    "split": "Training share (%)",
    "features": "Input features",
    "upload": "Own points (CSV)",
    "upload_help": "A CSV file with the header x1,x2,label: one point per row, labels 0 to 4 "
                   "(classes) or any numbers (regression), at most 5,000 points and 1 MB. Own "
                   "points are not part of the page's link.",
    "click_add": "Click on the map to add a point of class",
    "click_add_help": "Choose a class, then click on the prediction map. Choose it again to stop.",
    "own_note": "Using {n} own points.",
    "own_clear": "Back to the generated data",
    "own_in_use": "Own points in use: the dataset, noise and class settings do not apply.",
    "csv_too_big": "The file is larger than {limit} kB: nothing changed.",
    "csv_encoding": "The file is not UTF-8 text: nothing changed.",
    "csv_columns": "The first line must be x1,x2,label (found: {found}): nothing changed.",
    "csv_count": "The file has {n} points; {lo} to {hi} are needed: nothing changed.",
    "csv_row": "Line {line} does not have exactly three values: nothing changed.",
    "csv_number": "Line {line} holds something that is not a number: nothing changed.",
    "csv_finite": "Line {line} holds inf or NaN: nothing changed.",
    "csv_range": "Coordinates must lie within ±{limit}: nothing changed.",
    "csv_target_range": "Regression targets (labels that are not all whole numbers) must lie "
                        "within ±{limit}: nothing changed.",
    "csv_unreadable": "The file cannot be read as CSV (for instance, a value longer than "
                      "{limit:,} characters): nothing changed.",
    "csv_labels": "Whole-number labels must be classes 0 to {top}, at least two of them: "
                  "nothing changed.",
    "network": "Network",
    "layers": "Hidden layers",
    "neurons": "Neurons per layer",
    "activation": "Activation",
    "init": "Initializer",
    "norm": "Normalization",
    "dropout": "Dropout rate",
    "residual": "Residual connections",
    "training": "Training",
    "optimizer": "Optimizer",
    "lr": "Learning rate",
    "schedule": "Learning-rate schedule",
    "batch": "Batch size",
    "loss": "Loss",
    "loss_help": "ce: cross-entropy (sigmoid or softmax output). mse: squared error on the "
                 "output probability. Regression always uses squared error.",
    "l1": "L1 rate",
    "l2": "L2 rate (weight decay for adamw)",
    "clip": "Gradient clipping (max norm, 0 = off)",
    "stop_epochs": "Stop after epochs (0 = never)",
    "stop_target": "Stop at test loss (0 = never)",
    "seed": "Seed",
    "bn_batch": "Batch normalization needs at least 2 points per minibatch: raise the batch size "
                "or switch normalization off.",
    "building": "Building the network…",
    "play": "Play",
    "pause": "Pause",
    "step": "Step",
    "reset": "Reset",
    "seed_note": "Seed {seed}, {n} points; one epoch = {per_epoch} minibatches of {batch}.",
    "train": "train",
    "test": "test",
    "m_epoch": "Epoch",
    "m_epoch_help": "{steps} optimizer steps so far",
    "m_loss": "Training loss",
    "m_test_loss": "Test loss",
    "m_test_acc": "Test accuracy",
    "m_lr": "Learning rate",
    "m_speed": "Epochs / s",
    "frames": "Training pace while playing; the network view refreshes {rate:.1f} times a second.",
    "diverged": "Training diverged at step {step} (epoch {epoch:.1f}): the loss became inf or NaN. "
                "Lower the learning rate, clip the gradients, or add normalization, then Reset.",
    "stopped": "Stopped by the stop rule at epoch {epoch:.1f}.",
    "net_title": "network",
    "g_view": "Playback",
    "speed": "Speed (epochs per second)",
    "speed_help": "How fast Play trains. Slow motion lets a class watch the boundary form; "
                  "∞ trains as fast as this server allows.",
    "discrete": "Discretize the output",
    "discrete_help": "Colour each point of the map by the class the network picks, without "
                     "shades of confidence.",
    "lv_caption": "Each square shows what one unit outputs over the input plane (blue positive, "
                  "orange negative, clamped to ±1); the big map is the network's output. A line's "
                  "width grows with its weight's size, blue for positive, orange for negative. "
                  "Under each hidden layer: the size of its weight gradient ‖∂L/∂W‖ (bar on a "
                  "log scale from 1e-6 to 1). Hover over a unit or a line for its value.",
    "lv_weight": "weight",
    "lv_layer": "layer",
    "lv_unit": "unit",
    "lv_bias": "bias",
    "lv_output": "output",
    "lv_input": "input",
    "lv_more": "more",
    "lv_diverged": "diverged: no prediction",
    "per_minibatch": "Per minibatch",
    "per_minibatch_help": "Off: each column is an epoch's mean gradient size, a trend. On: the "
                          "last 2,000 minibatches one by one, with their noise.",
    "loss_title": "Loss",
    "epoch": "epoch",
    "loss_axis": "loss",
    "loss_axis_log": "loss (log)",
    "grad_time_title": "Gradient size per layer over time",
    "grad_now_title": "Gradient size per layer now",
    "layer": "hidden layer",
    "grad_norm": "‖∂L/∂W‖",
    "grad_axis": "norm (log)",
    "log_missing": "Not drawn, because a log axis cannot show 0, inf or NaN: layers {layers}.",
    "grads_later": "No gradient yet: each step records one. Press Step or Play.",
    "why_title": "What to look for",
    "why": """
**Interview questions:** *How do you tune a network that trains badly? What do the learning rate
and the batch size do? Why do the first layers of a deep sigmoid network barely learn?*

- **Learning rate.** Too small and the loss creeps down; too large and it jumps around or
  diverges (for regression, try 3 or 10). A schedule shrinks the rate over the run (the
  epoch limit, or 200 epochs): step halves it at each quarter, exponential takes it down to 1 %,
  cosine to 0; warm-up + cosine first rises from 1 % over the first tenth.
- **Batch size.** Small batches give noisy but frequent steps; large batches give smooth but
  few steps per epoch. Watch the loss curve get smoother as the batch grows.
- **Gradients per layer.** With sigmoid and 6 or more layers, the bottom rows of the heatmap
  stay dark: the first layers receive a much smaller gradient than the last. ReLU with He
  initialization, normalization or residual connections brighten them.
- **Overfitting.** With 10% training data and a big network, the test loss turns up while the
  training loss keeps falling; L2, dropout or an earlier stop hold it back.
- **Features.** On the circle, x1² and x2² make the problem linear: one layer is enough.

**Try:** the spiral with only x1, x2 and then with all features; sigmoid at 8 layers vs ReLU with
kaiming_normal; SGD vs Adam at the same learning rate; batch size 1 vs 100.
""",
    "ab": "Compare with B",
    "ab_help": "Train a second network, B, next to this one (A) on the same data with the same "
               "seed. B follows A's settings until you change one of B's controls.",
    "b_group": "Setting B",
    "b_note": "“= A” follows A's value; pick a value to make B differ.",
    "ab_tag": "{who}: ",
    "ab_title": "{who}: {what}",
    "ab_series": "{who} {what}",
    "ab_item": "{label} {value}",
    "ab_sep": ", ",
    "ab_differs": "B differs from A in: {what}. Same data, same seed.",
    "ab_same": "B equals A: change one of B's controls in the sidebar to compare.",
    "script": "PyTorch script",
    "script_help": "Download this setup as a standalone PyTorch script (numpy and torch only): the "
                   "same data, initial weights and minibatches. It trains for as many whole epochs "
                   "as the page has done, or for the stop rule's epochs (200 if none) before the "
                   "first, and prints the final train and test loss the page shows.",
}

ZH = {
    "title": "训练场",
    "question": "网络学习时，深度、初始化、激活函数、学习率和批大小分别起什么作用？网络内部的梯度又发生了什么？",
    "card": "真实网络实时学习一个二维数据集：决策边界、训练与测试损失，以及每个隐藏层梯度随时间的变化。",
    "lead": "点击“开始”，一个真实的 PyTorch 网络会在下面的点上按小批量逐步训练。  \n"
            "网络图显示每个神经元算出的内容和每个权重的大小，地图显示网络的预测；再往下的图跟踪损失和梯度。",
    "data": "数据",
    "dataset": "数据集",
    "classes": "类别数",
    "classes_help": "高斯团和螺旋可以有 3 到 5 个类别（softmax 输出）。",
    "noise": "噪声（%）",
    "split": "训练集比例（%）",
    "features": "输入特征",
    "upload": "自己的数据点（CSV）",
    "upload_help": "表头为 x1,x2,label 的 CSV 文件：每行一个点，标签为 0 到 4（分类）或任意数值（回归），"
                   "最多 5000 个点、1 MB。自己的数据不会写进页面链接。",
    "click_add": "点击预测图添加该类别的点",
    "click_add_help": "先选择类别，再点击预测图。再次选择同一类别即停止添加。",
    "own_note": "正在使用 {n} 个自己的数据点。",
    "own_clear": "恢复生成的数据",
    "own_in_use": "正在使用自己的数据：数据集、噪声和类别数设置不起作用。",
    "csv_too_big": "文件超过 {limit} kB：未做任何更改。",
    "csv_encoding": "文件不是 UTF-8 文本：未做任何更改。",
    "csv_columns": "第一行必须是 x1,x2,label（实际为：{found}）：未做任何更改。",
    "csv_count": "文件中有 {n} 个点，需要 {lo} 到 {hi} 个：未做任何更改。",
    "csv_row": "第 {line} 行不是恰好三个值：未做任何更改。",
    "csv_number": "第 {line} 行含有非数字内容：未做任何更改。",
    "csv_finite": "第 {line} 行含有 inf 或 NaN：未做任何更改。",
    "csv_range": "坐标必须在 ±{limit} 以内：未做任何更改。",
    "csv_target_range": "回归目标（标签不全是整数时）必须在 ±{limit} 以内：未做任何更改。",
    "csv_unreadable": "无法按 CSV 读取该文件（例如某个值超过 {limit:,} 个字符）：未做任何更改。",
    "csv_labels": "整数标签必须是 0 到 {top} 的类别，且至少有两个类别：未做任何更改。",
    "network": "网络",
    "layers": "隐藏层数",
    "neurons": "每层神经元数",
    "activation": "激活函数",
    "init": "初始化方法",
    "norm": "归一化",
    "dropout": "Dropout 比例",
    "residual": "残差连接",
    "training": "训练",
    "optimizer": "优化器",
    "lr": "学习率",
    "schedule": "学习率调度",
    "batch": "批大小",
    "loss": "损失函数",
    "loss_help": "ce：交叉熵（sigmoid 或 softmax 输出）。mse：对输出概率取平方误差。回归问题总是使用平方误差。",
    "l1": "L1 系数",
    "l2": "L2 系数（adamw 中为权重衰减）",
    "clip": "梯度裁剪（最大范数，0 表示关闭）",
    "stop_epochs": "训练多少轮后停止（0 表示不停）",
    "stop_target": "测试损失低于多少时停止（0 表示不停）",
    "seed": "随机种子",
    "bn_batch": "批归一化要求每个小批量至少有 2 个点：请调大批大小，或关闭归一化。",
    "building": "正在构建网络…",
    "play": "开始",
    "pause": "暂停",
    "step": "单步",
    "reset": "重置",
    "seed_note": "随机种子 {seed}，共 {n} 个点；一轮 = {per_epoch} 个大小为 {batch} 的小批量。",
    "train": "训练集",
    "test": "测试集",
    "m_epoch": "轮次",
    "m_epoch_help": "目前共 {steps} 次优化步",
    "m_loss": "训练损失",
    "m_test_loss": "测试损失",
    "m_test_acc": "测试准确率",
    "m_lr": "学习率",
    "m_speed": "每秒轮数",
    "frames": "播放时的训练速度；网络图每秒刷新 {rate:.1f} 次。",
    "diverged": "训练在第 {step} 步（第 {epoch:.1f} 轮）发散：损失变成了 inf 或 NaN。"
                "请降低学习率、裁剪梯度或加入归一化，然后点击“重置”。",
    "stopped": "已按停止规则在第 {epoch:.1f} 轮停止。",
    "net_title": "网络",
    "g_view": "播放",
    "speed": "速度（每秒轮数）",
    "speed_help": "按“开始”后训练的快慢。慢速便于全班看着决策边界逐渐成形；∞ 表示以服务器允许的最快速度训练。",
    "discrete": "离散化输出",
    "discrete_help": "地图上每一点只按网络选出的类别着色，不显示置信度的深浅。",
    "lv_caption": "每个小方块显示一个神经元在输入平面上的输出（蓝为正、橙为负，截断到 ±1）；大图是网络的输出。"
                  "连线越粗表示权重绝对值越大，蓝为正、橙为负。每个隐藏层下方是其权重梯度的大小 ‖∂L/∂W‖"
                  "（条形为对数刻度，1e-6 到 1）。把鼠标移到神经元或连线上可看到具体数值。",
    "lv_weight": "权重",
    "lv_layer": "层",
    "lv_unit": "神经元",
    "lv_bias": "偏置",
    "lv_output": "输出",
    "lv_input": "输入",
    "lv_more": "个未显示",
    "lv_diverged": "已发散：没有预测",
    "per_minibatch": "按小批量显示",
    "per_minibatch_help": "关闭：每一列是一轮内梯度大小的平均值，看趋势。打开：逐个显示最近 2,000 个小批量，能看到其中的噪声。",
    "loss_title": "损失",
    "epoch": "轮次",
    "loss_axis": "损失",
    "loss_axis_log": "损失（对数轴）",
    "grad_time_title": "各层梯度大小随时间的变化",
    "grad_now_title": "当前各层梯度大小",
    "layer": "隐藏层",
    "grad_norm": "‖∂L/∂W‖",
    "grad_axis": "范数（对数轴）",
    "log_missing": "对数轴无法显示 0、inf 或 NaN，以下层未画出：{layers}。",
    "grads_later": "还没有梯度：每走一步才记录一次。请点击“单步”或“开始”。",
    "why_title": "看点",
    "why": """
**对应的面试题：** *网络训练效果不好时怎么调参？学习率和批大小各起什么作用？为什么深层 sigmoid 网络的前几层几乎学不动？*

- **学习率。** 太小，损失下降缓慢；太大，损失来回震荡甚至发散（回归任务可以试试 3 或 10）。
  学习率调度在整个训练期（轮数上限，未设时为 200 轮）内逐渐减小学习率：阶梯调度每过四分之一减半，
  指数调度降到 1%，余弦调度降到 0；预热 + 余弦先在前十分之一从 1% 升上来。
- **批大小。** 小批量的每一步噪声大但更新频繁；大批量每一步平稳，但每轮更新次数少。
  注意批大小变大时损失曲线如何变得平滑。
- **各层梯度。** 用 sigmoid 且层数达到 6 层以上时，热力图下面几行一直很暗：前几层得到的梯度远小于后几层。
  ReLU 配 He 初始化、归一化或残差连接都能让它们亮起来。
- **过拟合。** 训练集只占 10% 且网络很大时，训练损失继续下降而测试损失开始回升；L2、Dropout 或提前停止可以抑制它。
- **特征。** 在圆形数据上加入 x1² 和 x2² 后问题变成线性的，一层就够了。

**试一试：** 螺旋数据只用 x1、x2，再换成全部特征；8 层 sigmoid 对比 ReLU 配 kaiming_normal；
相同学习率下 SGD 对比 Adam；批大小 1 对比 100。
""",
    "ab": "与 B 对比",
    "ab_help": "在同样的数据、同样的种子上，与当前网络（A）并排训练第二个网络 B。"
               "在修改 B 的某个控件之前，B 沿用 A 的设置。",
    "b_group": "设置 B",
    "b_note": "“= A”表示沿用 A 的取值；选一个值让 B 与 A 不同。",
    "ab_tag": "{who}：",
    "ab_title": "{who}：{what}",
    "ab_series": "{who} 的{what}",
    "ab_item": "{label}为 {value}",
    "ab_sep": "，",
    "ab_differs": "B 与 A 的不同之处：{what}。数据与种子相同。",
    "ab_same": "B 与 A 完全相同：在侧边栏修改 B 的控件即可对比。",
    "script": "PyTorch 脚本",
    "script_help": "把当前设置下载为一个独立的 PyTorch 脚本（只需 numpy 和 torch）："
                   "数据、初始权重和小批量都与本页相同。脚本训练的轮数等于本页已完成的完整轮数"
                   "（尚未训练时取停止规则的轮数，未设置则为 200），最后打印与本页一致的训练损失和测试损失。",
}
