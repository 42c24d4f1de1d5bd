"""How the options of a select box read: one table, canonical value -> (English, Chinese).

The value is what the engine, lessons and links use (`?act=relu`); the labels are what a
visitor sees, and what Streamlit writes into the URL for a select box or a multiselect. A link
may give either (see `ui.controls.Controls.choice`). Proper names stay as Chinese texts write them too."""
LABELS = {
    # datasets (playground.data.DATASETS)
    "circle": ("Circle", "圆环"),
    "xor": ("XOR", "异或"),
    "gaussians": ("Gaussian blobs", "高斯团"),
    "spiral": ("Spiral", "螺旋"),
    "moons": ("Two moons", "双月牙"),
    "plane": ("Plane (regression)", "平面（回归）"),
    # activations (playground.activations.ACTIVATIONS)
    "sigmoid": ("Sigmoid", "Sigmoid"),
    "tanh": ("tanh", "tanh"),
    "relu": ("ReLU", "ReLU"),
    "leaky_relu": ("Leaky ReLU", "Leaky ReLU"),
    "elu": ("ELU", "ELU"),
    "gelu": ("GELU", "GELU"),
    "softplus": ("Softplus", "Softplus"),
    "hardtanh": ("Hard tanh", "硬 tanh"),
    "linear": ("Linear (identity)", "线性（恒等）"),
    # initializers (playground.inits.INITIALIZERS); "constant" is also a schedule
    "zeros": ("Zeros", "全零"),
    "constant": ("Constant", "常数"),
    "normal": ("Normal", "正态分布"),
    "uniform": ("Uniform", "均匀分布"),
    "xavier_uniform": ("Xavier uniform", "Xavier 均匀"),
    "xavier_normal": ("Xavier normal", "Xavier 正态"),
    "kaiming_uniform": ("He (Kaiming) uniform", "He（Kaiming）均匀"),
    "kaiming_normal": ("He (Kaiming) normal", "He（Kaiming）正态"),
    "lecun_normal": ("LeCun normal", "LeCun 正态"),
    "orthogonal": ("Orthogonal", "正交"),
    "trunc_normal": ("Truncated normal", "截断正态"),
    # normalization (playground.nets.NORMS)
    "none": ("None", "无"),
    "batch": ("Batch norm", "批归一化"),
    "layer": ("Layer norm", "层归一化"),
    # optimizers (playground.train.OPTIMIZERS, playground.paths.OPTIMIZERS)
    "sgd": ("SGD", "SGD"),
    "momentum": ("Momentum", "动量法"),
    "nesterov": ("Nesterov", "Nesterov"),
    "adagrad": ("Adagrad", "Adagrad"),
    "rmsprop": ("RMSprop", "RMSprop"),
    "adadelta": ("Adadelta", "Adadelta"),
    "adam": ("Adam", "Adam"),
    "adamw": ("AdamW", "AdamW"),
    "adamax": ("Adamax", "Adamax"),
    "nadam": ("NAdam", "NAdam"),
    "newton": ("Newton", "牛顿法"),
    # learning-rate schedules (playground.train.SCHEDULES, playground.paths.SCHEDULES)
    "step": ("Step", "阶梯"),
    "exponential": ("Exponential", "指数"),
    "cosine": ("Cosine", "余弦"),
    "warmup_cosine": ("Warm-up + cosine", "预热 + 余弦"),
    "cyclic": ("Cyclic (triangles)", "循环（三角波）"),
    # loss-surface planes (playground.surface.DIRECTIONS)
    "filter": ("Filter-normalized", "滤波器归一化"),
    "pca": ("PCA", "PCA"),
    # 2-D test functions (playground.functions2d.FUNCTIONS)
    "quadratic": ("Quadratic bowl", "二次碗"),
    "rosenbrock": ("Rosenbrock", "Rosenbrock 函数"),
    "beale": ("Beale", "Beale 函数"),
    "saddle": ("Saddle x² − y²", "鞍面 x² − y²"),
    "monkey_saddle": ("Monkey saddle x³ − 3xy²", "猴鞍 x³ − 3xy²"),
    "himmelblau": ("Himmelblau", "Himmelblau 函数"),
    "rastrigin": ("Rastrigin", "Rastrigin 函数"),
    "six_hump_camel": ("Six-hump camel", "六峰驼背函数"),
    "booth": ("Booth", "Booth 函数"),
    # input features (playground.train.FEATURES): notation, alike in both languages
    "x1": ("x₁", "x₁"),
    "x2": ("x₂", "x₂"),
    "x1^2": ("x₁²", "x₁²"),
    "x2^2": ("x₂²", "x₂²"),
    "x1x2": ("x₁x₂", "x₁x₂"),
    "sin_x1": ("sin(πx₁)", "sin(πx₁)"),
    "sin_x2": ("sin(πx₂)", "sin(πx₂)"),
    # losses (Training), floating-point types and targets (Losses & information)
    "ce": ("Cross-entropy", "交叉熵"),
    "mse": ("Squared error", "平方误差"),
    # GoogLeNet's Inception modules (CNN arithmetic): names, alike in both languages
    **{m: (m, m) for m in ("3a", "3b", "4a", "4b", "4c", "4d", "4e", "5a", "5b")},
    # what the output layer computes and how it is judged (Backpropagation)
    "sigmoid_ce": ("Sigmoid + cross-entropy", "Sigmoid + 交叉熵"),
    "sigmoid_se": ("Sigmoid + squared error", "Sigmoid + 平方误差"),
    "linear_se": ("Linear + squared error", "线性 + 平方误差"),
    "float32": ("float32", "float32"),
    "float64": ("float64", "float64"),
    "1": ("1", "1"),
    "0": ("0", "0"),
}
EN = {value: en for value, (en, _) in LABELS.items()}
ZH = {value: zh for value, (_, zh) in LABELS.items()}
