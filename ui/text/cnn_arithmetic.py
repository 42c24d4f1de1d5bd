"""Texts of the CNN arithmetic page."""
EN = {
    "title": "CNN arithmetic",
    "question": "How do you compute a convolution's output size, parameters, FLOPs and receptive "
                "field, and what do pooling, dilated and transposed convolutions do?",
    "card": "Edit a layer stack (or load AlexNet, VGG-16, a ResNet block) and read sizes, "
            "parameters, multiply-adds and receptive fields layer by layer.",
    "lead": "Write a stack of layers, or load a classic network, and read what each layer does to "
            "the image: its size, its parameters, its multiply-adds and how much of the input one "
            "output pixel sees.  \nEvery shape below is the one torch.nn computes; the small grids "
            "at the end are computed by torch itself.",
    "c_input": "Input",
    "height": "Height H",
    "width": "Width W",
    "channels": "Channels C",
    "c_stack": "Layers",
    "preset": "Load a classic network",
    "preset_placeholder": "Choose a preset…",
    "preset_alexnet": "AlexNet (224×224)",
    "preset_vgg16": "VGG-16 (224×224)",
    "preset_resnet_block": "ResNet basic block (56×56×64)",
    "preset_dilated": "Dilated stack (64×64)",
    "preset_decoder": "Transposed-conv decoder (8×8×128)",
    "preset_field_exercise": "Receptive-field exercise: AlexNet's first 5 layers (227×227)",
    "stack": "Layer stack",
    "stack_help": "Layers separated by commas. c3 = 3×3 convolution, m2 = 2×2 max pooling, "
                  "a2 = average pooling, t4 = 4×4 transposed convolution, f1000 = fully connected "
                  "with 1000 outputs. Options after the kernel: s stride, p padding, d dilation, "
                  "o output channels, b0 no bias. Example: c3p1o64, m2, f10.",
    "grammar": "c conv · m max pool · a avg pool · t transposed conv · f fully connected  —  "
               "s stride · p padding · d dilation · o out channels · b0 no bias",
    "c_grid": "Small grids",
    "seed": "Seed of the small image",
    "bad_syntax": "“{token}” is not a layer (expected e.g. c3p1o64): left out.",
    "bad_unknown_kind": "“{token}”: unknown layer letter (use c, m, a, t or f): left out.",
    "bad_option": "“{token}”: an option this kind of layer does not take: left out.",
    "bad_range": "“{token}”: a value out of range (kernel 1–31, stride 1–16, padding 0–15, "
                 "dilation 1–16, channels 1–8192): left out.",
    "bad_pool_padding": "“{token}”: pooling padding may be at most half the kernel: left out.",
    "bad_too_many": "At most 40 layers: “{token}” left out.",
    "bad_empty": "The stack has no usable layer: using the default {default}.",
    "stopped": "Layer {token} would have an empty output for this input: the table stops before "
               "it.",
    "m_params": "Parameters",
    "m_macs": "Multiply-adds (MACs)",
    "m_macs_help": "Exactly {exact} multiply-adds (k = thousand, M = million, G = billion).",
    "m_out": "Output H × W × C",
    "m_field": "Receptive field",
    "whole_input": "whole input",
    "published": "Matches the published total of {total} parameters ({source}).",
    "fields_match": "Receptive field after each layer: {fields}, the worked answer of this classic "
                    "exercise.",
    "macs_note": "Convention: 1 MAC = one multiply and one add = 2 FLOPs. Most papers and "
                 "torchvision quote MACs under the name “FLOPs”. Biases, activations and pooling "
                 "are not counted. Total: {gmacs} GMACs ≈ {gflops} GFLOPs.",
    "profile_title": "Output size and receptive field per layer",
    "s_h": "output height",
    "s_w": "output width",
    "s_field": "receptive field",
    "px_axis": "pixels",
    "layer_axis": "layer (0 = input)",
    "cost_title": "Parameters and multiply-adds per layer",
    "s_params": "parameters",
    "s_macs": "MACs",
    "count_axis": "count (log)",
    "table_title": "Layer by layer",
    "col_layer": "layer",
    "col_kind": "kind",
    "col_spec": "spec",
    "col_h": "H",
    "col_w": "W",
    "col_c": "C",
    "col_params": "parameters",
    "col_macs": "MACs",
    "col_field": "receptive field",
    "col_jump": "jump",
    "kind_input": "input",
    "kind_conv": "conv",
    "kind_dilated_conv": "dilated conv",
    "kind_max_pool": "max pool",
    "kind_avg_pool": "avg pool",
    "kind_transposed": "transposed conv",
    "kind_fc": "fully connected",
    "table_note": "Receptive field: how many input pixels (per side) one output pixel depends on. "
                  "Jump: the distance in input pixels between two neighbouring outputs (below 1 "
                  "after upsampling). A fully connected layer sees the whole input.",
    "bk_title": "Building blocks of modern CNNs",
    "bk_lead": "Five pieces of well-known networks, each counted on its own: parameters, "
               "multiply-adds and output shape. Every count agrees with the same block built "
               "from torch.nn layers.",
    "bk_tab_inception": "Inception module",
    "bk_tab_se": "Squeeze-and-excitation",
    "bk_tab_dense": "Dense block",
    "bk_tab_head": "Pooling vs flatten",
    "bk_tab_merge": "Add vs concat",
    "bk_module": "GoogLeNet module",
    "bk_module_help": "GoogLeNet's nine Inception modules, each on the input it receives in the "
                      "network (Szegedy et al. 2015, Table 1).",
    "bk_channels": "Channels C",
    "bk_ratio": "Reduction r",
    "bk_size": "Map size H = W",
    "bk_c0": "Input channels C₀",
    "bk_layers": "Layers L",
    "bk_growth": "Growth rate k",
    "bk_bottleneck": "1×1 bottleneck",
    "bk_bottleneck_help": "DenseNet-B: a 1×1 convolution to 4k channels in front of each 3×3 "
                          "convolution.",
    "bk_classes": "Classes",
    "bk_branch": "Channels per branch C",
    "bk_next": "Next conv's outputs",
    "bk_kernel": "Its kernel k",
    "s_reduced": "with 1×1 reductions",
    "s_naive": "without reductions",
    "s_conv": "3×3 conv C → C",
    "s_conv_se": "3×3 conv + SE block",
    "br_b1": "1×1 branch",
    "br_b3": "3×3 branch",
    "br_b5": "5×5 branch",
    "br_pool": "pooling branch",
    "br_conv": "3×3 convolution",
    "br_se": "SE block",
    "br_fc": "fully connected layer",
    "br_next": "next convolution",
    "s_flat": "flatten + FC",
    "s_gap": "global avg pool + FC",
    "s_add": "add (C channels)",
    "s_concat": "concat (2C channels)",
    "s_c_in": "channels read",
    "s_c_out": "channels after appending k",
    "bk_layer_axis": "layer of the block",
    "bk_channels_axis": "channels",
    "bk_m_reduced": "Parameters, with reductions",
    "bk_m_naive": "Parameters, without",
    "bk_m_macs_reduced": "MACs, with reductions",
    "bk_m_inc_out": "Module output H × W × C",
    "bk_m_out": "Block output H × W × C",
    "bk_m_se": "SE parameters",
    "bk_m_conv": "3×3 conv parameters",
    "bk_m_se_macs": "SE MACs",
    "bk_m_hidden": "Hidden units C/r",
    "bk_m_params": "Block parameters",
    "bk_m_macs": "Block MACs",
    "bk_m_flat": "Parameters, flatten",
    "bk_m_gap": "Parameters, pooling",
    "bk_m_add": "Next conv, after add",
    "bk_m_concat": "Next conv, after concat",
    "bk_m_read": "Channels it reads",
    "inc_verdict": "Module {name} on its {inp} input: the 1×1 reductions cut the parameters "
                   "{ratio_p}× and the multiply-adds {ratio_m}× ({macs_r} MACs instead of "
                   "{macs_n}).",
    "inc_text": "Four branches read the same input, and their outputs are stacked along the "
                "channels: a 1×1 convolution ({n1}); a 1×1 reduction to {r3} channels, then 3×3 "
                "({n3}); a 1×1 reduction to {r5}, then 5×5 ({n5}); 3×3 max pooling, then a 1×1 "
                "projection ({pool}). Without the reductions the 3×3 and 5×5 convolutions read "
                "every input channel, and the output is unchanged. Counts include biases.",
    "se_verdict": "The SE block adds {share_p} to the parameters of a 3×3 convolution C → C on "
                  "the same map, and {share_m} to its multiply-adds. In SE-ResNet-50, SE blocks "
                  "with r = {r} add {extra} parameters to ResNet-50's {base} (+{share_net}).",
    "se_text": "The squeeze averages each channel over the map: C numbers. Two fully connected "
               "layers, C → C/r → C with a ReLU between and a sigmoid after, turn them into one "
               "weight per channel, and every channel is multiplied by its weight. The layers "
               "hold 2·C·(C/r) weights, which is 2C²/r when r divides C (C/r is rounded down, "
               "and at least 1), plus C/r + C biases, counted here. None of this depends on "
               "H × W, so the block's share of the multiply-adds shrinks as the map grows. Not "
               "counted, as they are no multiply-adds: about {ew} additions for the squeeze and "
               "{ew} multiplications for the rescale.",
    "dense_verdict": "{n} layers with growth rate {k} on {c0} input channels: the block puts out "
                     "{c0} + {n} × {k} = {c} channels.",
    "dense_text": "Each layer reads the block's input together with every earlier layer's "
                  "output, stacked along the channels, and appends k channels of its own: layer "
                  "l reads C₀ + (l − 1)·k. A layer is batch norm, ReLU and a 3×3 convolution to "
                  "k channels; the bottleneck puts batch norm, ReLU and a 1×1 convolution to 4k "
                  "channels in front, so the 3×3 convolution always reads 4k. The convolutions "
                  "have no bias; each batch norm has 2 parameters per channel, counted here. "
                  "The defaults are DenseNet-121's first block.",
    "head_verdict": "On a {size} × {size} × {c} map, flattening hands the fully connected layer "
                    "{hw} times as many inputs as pooling does: {ratio}× the parameters.",
    "head_same": "On a 1 × 1 map there is nothing to average: both heads have {p} parameters.",
    "head_text": "Flattening passes all H·W·C values on, so the fully connected layer needs "
                 "H·W·C weights per class (AlexNet, VGG). Global average pooling first replaces "
                 "each channel by its mean: C values, C weights per class, whatever the map's "
                 "size (GoogLeNet, ResNet). After the pooling, each output depends on the whole "
                 "image.",
    "merge_verdict": "The {k}×{k} convolution to {out} channels reads {c} channels after add "
                     "and {c2} after concat: {w_add} weights against {w_cat}, twice as many, "
                     "and {m_add} multiply-adds against {m_cat}. Both have {out} biases.",
    "merge_text": "Adding two maps keeps C channels (ResNet's shortcut, FPN); concatenating "
                  "stacks them into 2C (U-Net, DenseNet). The addition itself has no parameters. "
                  "Adding equals concatenating and then using one kernel for both halves: "
                  "conv(a + b, W) = conv([a, b], [W, W]). Add is the cheaper choice where "
                  "channel i of one branch means what channel i of the other means; concat keeps "
                  "them apart and lets the next layer weigh them separately.",
    "bk_note": "MACs as above: batch norm, activations, pooling, the SE rescale and adding two "
               "maps are not counted. Every convolution here has stride 1 and keeps H × W.",
    "grids_title": "Small grids, computed by torch",
    "tab_conv": "Convolution",
    "tab_pool": "Pooling and its backward pass",
    "tab_dilated": "Dilated convolution",
    "tab_transposed": "Transposed convolution",
    "g_input": "input",
    "g_kernel": "kernel",
    "g_output": "output",
    "g_grad_out": "gradient from above",
    "g_max_back": "max pool: gradient to input",
    "g_avg_back": "avg pool: gradient to input",
    "g_max": "max pool 2×2",
    "conv_text": "A 6×6 image and a 3×3 Sobel kernel, stride 1, no padding: (6 − 3) / 1 + 1 = 4, so "
                 "the output is 4×4. Each output is the sum of the 9 products of the kernel with "
                 "the patch under it (torch computes cross-correlation: the kernel is not "
                 "flipped). 9 weights are shared by all 16 positions.",
    "pool_text": "Max pooling 2×2 with stride 2 keeps the largest value of each window. Backward, "
                 "each upstream gradient goes entirely to the position that held the maximum and "
                 "the other three get 0 (on a tie torch picks one). Average pooling instead splits "
                 "it evenly: a quarter to each position. Neither has parameters.",
    "dilated_text": "Dilation 2 spreads the same 9 weights over a 5×5 window (the zeros are the "
                    "holes): a wider receptive field at no extra cost. 7 − 2·(3 − 1) − 1 + 1 = 3, "
                    "so the 7×7 image gives 3×3.",
    "transposed_text": "A transposed convolution runs the other way: every input pixel stamps "
                       "the kernel, scaled by its value, onto the output, stamps 2 pixels apart "
                       "(stride 2), and overlaps add up. (3 − 1)·2 + 3 = 7: the 3×3 input "
                       "becomes 7×7. It is the backward pass of a strided convolution.",
    "why_title": "Why",
    "why": """
**Interview questions:** *How do you compute a convolution's output size, parameter count, FLOPs
and receptive field? How does pooling pass gradients back? What are dilated and transposed
convolutions for? What defines AlexNet, VGG, Inception, ResNet, SENet and DenseNet? What does a
1×1 convolution do? When do you add two branches, and when do you concatenate them?*

- **Output size.** ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1; with d = 1 that is ⌊(n + 2p − k) / s⌋ + 1.
  A 3×3 kernel with padding 1 and stride 1 keeps the size; stride 2 halves it. Odd kernels pad
  the same amount on both sides. A transposed convolution inverts the formula:
  (n − 1)·s − 2p + d(k − 1) + 1.
- **Parameters.** k·k·C_in·C_out weights plus C_out biases, independent of the image size: the
  kernel is shared by every position (weight sharing), and each output sees only a k×k patch
  (sparse interaction). Pooling has none; a fully connected layer has one weight per input value
  and output.
- **Cost.** H_out·W_out·k·k·C_in·C_out multiply-adds: the parameter count times the number of
  output positions. In VGG-16 the convolutions do almost all the work while the first fully
  connected layer holds most of the parameters.
- **Receptive field.** r ← r + (k − 1)·j and j ← j·s, from r = j = 1: each layer adds k − 1 steps
  of the current jump. Two 3×3 convolutions see 5×5, three see 7×7, with fewer weights than one
  7×7 kernel (VGG's argument). Dilation widens the kernel to d(k − 1) + 1 without new weights.
- **Pooling backward.** Max pooling sends the gradient only to the maximum of each window;
  average pooling spreads it evenly. Neither learns anything.
- **Classic networks.** AlexNet: ReLU, dropout, overlapping max pooling (3×3, stride 2), GPUs.
  VGG: only 3×3 convolutions and 2×2 pooling, 16–19 layers. ResNet: a block learns a residual
  F(x) and adds x back, so the shortcut carries the gradient and adds no parameters.
- **Building blocks.** A 1×1 convolution mixes channels and changes their number; Inception puts
  one in front of its 3×3 and 5×5 convolutions so that they read fewer channels. SE learns one
  weight per channel from the channels' means for 2C²/r weights. DenseNet concatenates every
  earlier output, C₀ + L·k channels. Global average pooling hands the classifier C numbers
  instead of H·W·C. Concatenation doubles what the next convolution reads; addition does not.

**Try:** load VGG-16 and find the layer with most parameters and the one with most MACs; give
VGG-16 a 32×32 input and watch the first fully connected layer shrink; give AlexNet a 32×32 input
and see which layer runs out of pixels; add c3s2 to a stack and watch the jump double; load the
receptive-field exercise and follow the field from 11 to 99.
""",
}

ZH = {
    "title": "卷积计算",
    "question": "卷积的输出尺寸、参数量、FLOPs 和感受野怎么算？池化、空洞卷积和转置卷积各做了什么？",
    "card": "编辑一个层序列（或载入 AlexNet、VGG-16、ResNet 残差块），逐层查看尺寸、参数量、"
            "乘加次数和感受野。",
    "lead": "写出一串网络层，或载入一个经典网络，看每一层对图像做了什么：尺寸、参数量、"
            "乘加次数，以及一个输出像素能看到多少输入。  \n下面的每个形状都与 torch.nn 的计算一致；"
            "最后的小网格直接由 torch 算出。",
    "c_input": "输入",
    "height": "高 H",
    "width": "宽 W",
    "channels": "通道数 C",
    "c_stack": "网络层",
    "preset": "载入经典网络",
    "preset_placeholder": "选择一个预设…",
    "preset_alexnet": "AlexNet（224×224）",
    "preset_vgg16": "VGG-16（224×224）",
    "preset_resnet_block": "ResNet 基本残差块（56×56×64）",
    "preset_dilated": "空洞卷积堆叠（64×64）",
    "preset_decoder": "转置卷积解码器（8×8×128）",
    "preset_field_exercise": "感受野练习：AlexNet 的前 5 层（227×227）",
    "stack": "层序列",
    "stack_help": "各层用逗号分隔。c3 = 3×3 卷积，m2 = 2×2 最大池化，a2 = 平均池化，"
                  "t4 = 4×4 转置卷积，f1000 = 有 1000 个输出的全连接层。核大小之后可加选项："
                  "s 步长，p 填充，d 空洞率，o 输出通道数，b0 不要偏置。例如：c3p1o64, m2, f10。",
    "grammar": "c 卷积 · m 最大池化 · a 平均池化 · t 转置卷积 · f 全连接  ——  "
               "s 步长 · p 填充 · d 空洞率 · o 输出通道 · b0 无偏置",
    "c_grid": "小网格",
    "seed": "小图像的随机种子",
    "bad_syntax": "“{token}”不是一个层（应形如 c3p1o64），已忽略。",
    "bad_unknown_kind": "“{token}”：未知的层字母（可用 c、m、a、t、f），已忽略。",
    "bad_option": "“{token}”：这类层不接受其中的某个选项，已忽略。",
    "bad_range": "“{token}”：有数值超出范围（核 1–31，步长 1–16，填充 0–15，空洞率 1–16，"
                 "通道 1–8192），已忽略。",
    "bad_pool_padding": "“{token}”：池化的填充最多为核大小的一半，已忽略。",
    "bad_too_many": "最多 40 层：“{token}”已忽略。",
    "bad_empty": "层序列中没有可用的层，已改用默认值 {default}。",
    "stopped": "对当前输入，层 {token} 的输出为空：表格到它之前为止。",
    "m_params": "参数量",
    "m_macs": "乘加次数（MACs）",
    "m_macs_help": "精确值：{exact} 次乘加（k = 千，M = 百万，G = 十亿）。",
    "m_out": "输出 H × W × C",
    "m_field": "感受野",
    "whole_input": "整个输入",
    "published": "与公开的参数总数 {total} 一致（{source}）。",
    "fields_match": "每一层之后的感受野依次为 {fields}，正是这道经典练习的标准答案。",
    "macs_note": "约定：1 次乘加（MAC）= 一次乘法加一次加法 = 2 FLOPs。大多数论文和 torchvision "
                 "所说的“FLOPs”其实是 MACs。偏置、激活函数和池化不计入。合计：{gmacs} GMACs ≈ "
                 "{gflops} GFLOPs。",
    "profile_title": "各层的输出尺寸与感受野",
    "s_h": "输出高度",
    "s_w": "输出宽度",
    "s_field": "感受野",
    "px_axis": "像素",
    "layer_axis": "层（0 = 输入）",
    "cost_title": "各层的参数量与乘加次数",
    "s_params": "参数量",
    "s_macs": "MACs",
    "count_axis": "数量（对数轴）",
    "table_title": "逐层数据",
    "col_layer": "层",
    "col_kind": "类型",
    "col_spec": "写法",
    "col_h": "H",
    "col_w": "W",
    "col_c": "C",
    "col_params": "参数量",
    "col_macs": "MACs",
    "col_field": "感受野",
    "col_jump": "跳距",
    "kind_input": "输入",
    "kind_conv": "卷积",
    "kind_dilated_conv": "空洞卷积",
    "kind_max_pool": "最大池化",
    "kind_avg_pool": "平均池化",
    "kind_transposed": "转置卷积",
    "kind_fc": "全连接",
    "table_note": "感受野：一个输出像素依赖多少个输入像素（每个方向）。跳距：相邻两个输出之间"
                  "相隔多少个输入像素（上采样后小于 1）。全连接层看到整个输入。",
    "bk_title": "现代卷积网络的基本模块",
    "bk_lead": "五个知名网络中的组成部分，逐个单独计算：参数量、乘加次数和输出形状。"
               "每个数字都与用 torch.nn 层搭出的同一模块一致。",
    "bk_tab_inception": "Inception 模块",
    "bk_tab_se": "SE（挤压-激励）",
    "bk_tab_dense": "密集块",
    "bk_tab_head": "池化还是展平",
    "bk_tab_merge": "相加还是拼接",
    "bk_module": "GoogLeNet 模块",
    "bk_module_help": "GoogLeNet 的九个 Inception 模块，各自使用它在网络中实际得到的输入"
                      "（Szegedy 等，2015，表 1）。",
    "bk_channels": "通道数 C",
    "bk_ratio": "压缩比 r",
    "bk_size": "特征图尺寸 H = W",
    "bk_c0": "输入通道数 C₀",
    "bk_layers": "层数 L",
    "bk_growth": "增长率 k",
    "bk_bottleneck": "1×1 瓶颈层",
    "bk_bottleneck_help": "DenseNet-B：每个 3×3 卷积之前先用 1×1 卷积变到 4k 个通道。",
    "bk_classes": "类别数",
    "bk_branch": "每个分支的通道数 C",
    "bk_next": "下一层卷积的输出通道",
    "bk_kernel": "它的卷积核 k",
    "s_reduced": "有 1×1 降维",
    "s_naive": "无降维",
    "s_conv": "3×3 卷积 C → C",
    "s_conv_se": "3×3 卷积 + SE 模块",
    "br_b1": "1×1 分支",
    "br_b3": "3×3 分支",
    "br_b5": "5×5 分支",
    "br_pool": "池化分支",
    "br_conv": "3×3 卷积",
    "br_se": "SE 模块",
    "br_fc": "全连接层",
    "br_next": "下一层卷积",
    "s_flat": "展平 + 全连接",
    "s_gap": "全局平均池化 + 全连接",
    "s_add": "相加（C 个通道）",
    "s_concat": "拼接（2C 个通道）",
    "s_c_in": "读入的通道数",
    "s_c_out": "追加 k 个通道之后",
    "bk_layer_axis": "块内的层",
    "bk_channels_axis": "通道数",
    "bk_m_reduced": "参数量（有降维）",
    "bk_m_naive": "参数量（无降维）",
    "bk_m_macs_reduced": "乘加次数（有降维）",
    "bk_m_inc_out": "模块输出 H × W × C",
    "bk_m_out": "密集块输出 H × W × C",
    "bk_m_se": "SE 参数量",
    "bk_m_conv": "3×3 卷积参数量",
    "bk_m_se_macs": "SE 乘加次数",
    "bk_m_hidden": "隐藏单元数 C/r",
    "bk_m_params": "密集块参数量",
    "bk_m_macs": "密集块乘加次数",
    "bk_m_flat": "参数量（展平）",
    "bk_m_gap": "参数量（池化）",
    "bk_m_add": "下一层参数（相加后）",
    "bk_m_concat": "下一层参数（拼接后）",
    "bk_m_read": "它读入的通道数",
    "inc_verdict": "模块 {name}，输入 {inp}：1×1 降维让参数量减少到 1/{ratio_p}，"
                   "乘加次数减少到 1/{ratio_m}（{macs_r} 次乘加，而不是 {macs_n}）。",
    "inc_text": "四个分支读同一个输入，输出沿通道方向叠在一起：一个 1×1 卷积（{n1}）；"
                "先用 1×1 卷积降到 {r3} 个通道再做 3×3（{n3}）；先降到 {r5} 再做 5×5（{n5}）；"
                "3×3 最大池化后接 1×1 投影（{pool}）。去掉降维后，3×3 和 5×5 卷积直接读全部输入通道，"
                "输出不变。计数包含偏置。",
    "se_verdict": "与同一特征图上 C → C 的 3×3 卷积相比，SE 模块让参数量增加 {share_p}，"
                  "乘加次数增加 {share_m}。在 SE-ResNet-50 中，r = {r} 的 SE 模块给 ResNet-50 的 "
                  "{base} 个参数再加上 {extra} 个（+{share_net}）。",
    "se_text": "挤压（squeeze）把每个通道在特征图上求平均，得到 C 个数。两个全连接层 "
               "C → C/r → C（中间 ReLU，最后 sigmoid）把它们变成每个通道一个权重，"
               "再用这个权重去乘对应的通道。这两层共有 2·C·(C/r) 个权重，r 整除 C 时就是 2C²/r"
               "（C/r 向下取整，至少为 1），另有 C/r + C 个偏置，这里都计入。这些都与 H × W 无关，"
               "所以特征图越大，SE 模块在乘加次数中的占比越小。以下不是乘加，因此不计："
               "挤压约 {ew} 次加法，重新加权 {ew} 次乘法。",
    "dense_verdict": "在 {c0} 个输入通道上堆 {n} 层、增长率 {k}：模块输出 "
                     "{c0} + {n} × {k} = {c} 个通道。",
    "dense_text": "每一层都读入模块的输入以及之前所有层的输出（沿通道方向拼在一起），"
                  "再追加自己的 k 个通道：第 l 层读入 C₀ + (l − 1)·k 个通道。一层由批归一化、"
                  "ReLU 和输出 k 个通道的 3×3 卷积组成；瓶颈层在前面再加批归一化、ReLU 和输出 4k "
                  "个通道的 1×1 卷积，于是 3×3 卷积总是只读 4k 个通道。卷积没有偏置；"
                  "每个批归一化每个通道有 2 个参数，这里计入。默认值是 DenseNet-121 的第一个密集块。",
    "head_verdict": "在 {size} × {size} × {c} 的特征图上，展平交给全连接层的输入是池化的 {hw} 倍："
                    "参数量是 {ratio} 倍。",
    "head_same": "1 × 1 的特征图没有什么可平均的：两种分类头都有 {p} 个参数。",
    "head_text": "展平把全部 H·W·C 个值都传下去，全连接层每个类别就需要 H·W·C 个权重"
                 "（AlexNet、VGG）。全局平均池化先把每个通道换成它的平均值：只剩 C 个值，"
                 "每个类别 C 个权重，与特征图大小无关（GoogLeNet、ResNet）。"
                 "池化之后，每个输出都依赖整幅图像。",
    "merge_verdict": "输出 {out} 个通道的 {k}×{k} 卷积，相加后读 {c} 个通道，拼接后读 {c2} 个："
                     "权重 {w_add} 对 {w_cat}，正好两倍；乘加次数 {m_add} 对 {m_cat}。"
                     "两者的偏置都是 {out} 个。",
    "merge_text": "两个特征图相加仍是 C 个通道（ResNet 的捷径连接、FPN）；拼接则叠成 2C 个"
                  "（U-Net、DenseNet）。相加本身没有参数。相加等价于先拼接、再让两半共用同一个卷积核："
                  "conv(a + b, W) = conv([a, b], [W, W])。当一个分支的第 i 个通道与另一个分支的第 i "
                  "个通道含义相同时，相加更省；拼接让两者保持分开，由下一层分别加权。",
    "bk_note": "乘加次数的约定同上：批归一化、激活函数、池化、SE 的重新加权以及两个特征图相加都不计入。"
               "这里所有卷积的步长都是 1，保持 H × W 不变。",
    "grids_title": "由 torch 计算的小网格",
    "tab_conv": "卷积",
    "tab_pool": "池化及其反向传播",
    "tab_dilated": "空洞卷积",
    "tab_transposed": "转置卷积",
    "g_input": "输入",
    "g_kernel": "卷积核",
    "g_output": "输出",
    "g_grad_out": "上层传来的梯度",
    "g_max_back": "最大池化：传给输入的梯度",
    "g_avg_back": "平均池化：传给输入的梯度",
    "g_max": "2×2 最大池化",
    "conv_text": "6×6 的图像与 3×3 的 Sobel 卷积核，步长 1，无填充：(6 − 3) / 1 + 1 = 4，"
                 "所以输出是 4×4。每个输出是卷积核与其下方图块的 9 个乘积之和（torch 计算的是"
                 "互相关，卷积核不翻转）。这 9 个权重被全部 16 个位置共享。",
    "pool_text": "步长为 2 的 2×2 最大池化保留每个窗口中的最大值。反向传播时，上层传来的梯度全部交给"
                 "原先取到最大值的位置，其余三个位置得到 0（并列时 torch 只选一个）。"
                 "平均池化则平均分配：每个位置得到四分之一。两者都没有参数。",
    "dilated_text": "空洞率 2 把同样的 9 个权重铺到 5×5 的窗口上（0 就是“空洞”）：不增加计算量就扩大了"
                    "感受野。7 − 2·(3 − 1) − 1 + 1 = 3，所以 7×7 的图像得到 3×3 的输出。",
    "transposed_text": "转置卷积方向相反：每个输入像素把按自身数值缩放后的卷积核“盖”到输出上，"
                       "相邻两次相隔 2 个像素（步长 2），重叠部分相加。(3 − 1)·2 + 3 = 7："
                       "3×3 的输入变成 7×7。它就是带步长卷积的反向传播。",
    "why_title": "原因",
    "why": """
**对应的面试题：** *卷积的输出尺寸、参数量、FLOPs 和感受野怎么计算？池化层如何反向传播梯度？
空洞卷积和转置卷积有什么用？AlexNet、VGG、Inception、ResNet、SENet 和 DenseNet 各有什么特点？
1×1 卷积有什么作用？两个分支什么时候相加，什么时候拼接？*

- **输出尺寸。** ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1；d = 1 时即 ⌊(n + 2p − k) / s⌋ + 1。
  3×3 卷积核配填充 1、步长 1 保持尺寸不变；步长 2 则减半。奇数尺寸的卷积核两侧填充相同。
  转置卷积把公式反过来：(n − 1)·s − 2p + d(k − 1) + 1。
- **参数量。** k·k·C_in·C_out 个权重加 C_out 个偏置，与图像大小无关：所有位置共享同一个卷积核
  （权值共享），每个输出只看 k×k 的图块（稀疏交互）。池化没有参数；全连接层的每个输入值与每个输出
  之间都有一个权重。
- **计算量。** H_out·W_out·k·k·C_in·C_out 次乘加：参数量乘以输出位置的个数。
  在 VGG-16 中，几乎全部计算都在卷积层，而大部分参数却在第一个全连接层。
- **感受野。** 从 r = j = 1 开始，r ← r + (k − 1)·j，j ← j·s：每一层在当前跳距下增加 k − 1 步。
  两个 3×3 卷积看到 5×5，三个看到 7×7，权重却比一个 7×7 卷积核少（这正是 VGG 的论点）。
  空洞卷积把卷积核的跨度扩大到 d(k − 1) + 1，却不增加权重。
- **池化的反向传播。** 最大池化只把梯度传给每个窗口中的最大值；平均池化则平均分配。两者都不学习任何参数。
- **经典网络。** AlexNet：ReLU、Dropout、重叠最大池化（3×3，步长 2）、GPU 训练。
  VGG：只用 3×3 卷积和 2×2 池化，16–19 层。ResNet：残差块只学习残差 F(x) 再加回 x，
  捷径连接负责传递梯度，而且不增加参数。
- **基本模块。** 1×1 卷积在通道之间做组合，并改变通道数；Inception 把它放在 3×3 和 5×5
  卷积之前，让大卷积核读更少的通道。SE 用各通道的平均值为每个通道学一个权重，代价是 2C²/r 个权重。
  DenseNet 把之前所有输出拼接起来，共 C₀ + L·k 个通道。全局平均池化交给分类器的是 C 个数，
  而不是 H·W·C 个。拼接让下一层卷积读的通道翻倍，相加则不会。

**试一试：** 载入 VGG-16，找出参数最多的层和乘加次数最多的层；把 VGG-16 的输入改成 32×32，
看第一个全连接层如何变小；把 AlexNet 的输入改成 32×32，看哪一层先耗尽像素；
在层序列中加一层 c3s2，观察跳距翻倍；载入感受野练习，看感受野从 11 一路长到 99。
""",
}
