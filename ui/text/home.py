"""Texts of the home page."""
EN = {
    "title": "Deep-learning playground",
    "lead": (
        "Each experiment below takes one interview question on deep-learning fundamentals "
        "and turns it into a real network you can poke. Read the question, guess the answer, "
        "then move the sliders and check your guess.\n\n"
        "Every setting lives in the page's link: copy the address bar to share the exact "
        "experiment, for example with a class."
    ),
    "question_label": "Question:",
    # what each card's picture shows (its alternative text)
    "pic_training": "The default network's prediction map on the circle data, trained.",
    "pic_loss_surface": "The loss around the trained default network on its PCA plane, with "
                        "its training path.",
    "pic_backprop": "A small network drawn as its graph, each unit coloured by its error δ "
                    "after the backward pass.",
    "pic_gradient_flow": "Gradient size per layer of a fresh deep sigmoid network, log scale.",
    "pic_optimizer_paths": "Optimizers racing to the minimum of an ill-conditioned "
                           "quadratic.",
    "pic_batch_size": "Variance of a minibatch gradient against the batch size, log-log.",
    "pic_normalization": "Training loss per epoch without and with batch normalization.",
    "pic_regularization": "The L1 diamond touching the loss contours.",
    "pic_data_ensembles": "Ten networks' boundaries, faint, around the bold boundary of their "
                          "average, on noisy XOR.",
    "pic_losses_information": "Two distributions p and q, bar by bar.",
    "pic_cnn_arithmetic": "AlexNet's feature-map size and receptive field, layer by layer.",
    "pic_activations": "Sigmoid, tanh, ReLU and GELU.",
    "pic_rnn_lstm": "The gradient's size back through time in an RNN, an LSTM and a GRU, "
                    "log scale.",
}
ZH = {
    "title": "深度学习演练场",
    "lead": (
        "下面每个实验都对应一道深度学习基础面试题，并把它变成一个可以动手摆弄的真实网络。"
        "先读题、猜答案，再拖动滑块验证自己的判断。\n\n"
        "页面上的所有设置都保存在链接里：复制地址栏即可把完全相同的实验分享出去，比如发给全班同学。"
    ),
    "question_label": "问题：",
    "pic_training": "默认网络在圆形数据上训练后的预测图。",
    "pic_loss_surface": "训练好的默认网络在其 PCA 平面上的损失及训练路径。",
    "pic_backprop": "把小网络画成计算图，反向传播后每个单元按其误差 δ 着色。",
    "pic_gradient_flow": "新初始化的深层 sigmoid 网络每层的梯度大小（对数刻度）。",
    "pic_optimizer_paths": "多个优化器在病态二次函数上奔向最小值的路径。",
    "pic_batch_size": "小批量梯度的方差随批量大小的变化（双对数刻度）。",
    "pic_normalization": "不使用与使用批归一化时每轮的训练损失。",
    "pic_regularization": "L1 菱形与损失等高线相切。",
    "pic_data_ensembles": "带噪声的 XOR 数据上，十个网络的浅色边界围绕着它们平均后的粗边界。",
    "pic_losses_information": "两个分布 p 和 q 的逐项柱状图。",
    "pic_cnn_arithmetic": "AlexNet 逐层的特征图尺寸与感受野。",
    "pic_activations": "Sigmoid、tanh、ReLU 与 GELU。",
    "pic_rnn_lstm": "RNN、LSTM 与 GRU 中梯度沿时间反向传播的大小（对数刻度）。",
}
