"""Texts of the Data & ensembles page."""
EN = {
    "title": "Data & ensembles",
    "question": "How do augmented data and an ensemble on bootstrap resamples narrow the gap "
                "between training and test, how does dropout compare, and why does plain "
                "accuracy mislead when one class is rare?",
    "card": "Average ten networks trained on resamples of the same points, grow 30 points with "
            "turned and jittered copies, and watch balanced accuracy expose a classifier that "
            "never finds the rare class.",
    "lead": "Three ways to get more out of little data, each measured on real networks: many "
            "networks on bootstrap resamples against one with dropout, copies of the training "
            "points that keep their labels, and a loss or a threshold that minds a rare class.",
    "c_shared": "Every training run on this page",
    "seed": "Seed (data, resamples, initial weights)",
    "training": "Training the networks…",
    "x1": "x₁",
    "x2": "x₂",
    "value": "P(class 1)",
    # bagging
    "b_title": "Bagging: many networks on resamples, against one with dropout",
    "b_map_members": "{k} networks on resamples and their average",
    "b_map_dropout": "One network with dropout p = {p}",
    "s_member": "one member",
    "s_average": "their average",
    "s_nodrop": "no dropout",
    "s_dropout": "with dropout",
    "s_train": "training point",
    "k": "Networks in the ensemble K",
    "p": "Dropout rate p of the single network",
    "b_lead": "{n} points of XOR with noisy labels and {test} test points. Every network has 2 "
              "hidden layers of 32 ReLU units and its own initial weights, and is trained with "
              "full-batch Adam ({steps} steps, learning rate {lr}). Each member of the ensemble "
              "sees its own bootstrap sample: {n} draws with replacement from the {n} points. "
              "The ensemble predicts the mean of its members' probabilities: the left map colours "
              "it, the right one the output of one network trained on all {n} points with "
              "dropout (its thin line: the same network trained without dropout).",
    "m_unique": "distinct points per sample",
    "m_member": "test accuracy, members' mean",
    "m_ensemble": "test accuracy, average of {k}",
    "m_single": "test accuracy, one network on all points",
    "m_dropout": "test accuracy, dropout network",
    "b_share": "Bootstrap check: over {draws} samples of {n} points, a sample holds on average "
               "{mc} of the points at least once (± {se}, one standard error). The closed form 1 − (1 − 1/{n})^{n} "
               "gives {exact}; as n grows it falls towards 1 − 1/e = 63.21%. The rest, about a "
               "third, is left out of each sample, so the members differ.",
    "b_better": "The average of the {k} networks classifies {ens} of the test points right, "
                "more than its members do on average ({mem}): the members err at different places, and "
                "averaging out-votes each one's private mistakes. One network on all {n} points "
                "scores {single}, the dropout network {drop}.",
    "b_not": "Here the average of the {k} networks ({ens}) is not more accurate than its "
             "members on average ({mem}): their mistakes overlap too much to cancel. One network on all {n} "
             "points scores {single}, the dropout network {drop}.",
    "b_jensen": "Test loss (cross-entropy) of the average: {ens_loss}; the members' mean: "
                "{mem_loss}. The average's loss can never be the higher one, for any members: "
                "−log is convex (Jensen's inequality). Accuracy has no such guarantee.",
    "b_curve_title": "Test accuracy as members join the average",
    "k_axis": "networks averaged (k)",
    "acc_axis": "test accuracy",
    "s_running": "average of 1 … k",
    "s_each": "member k",
    "s_single": "one net, all points",
    "s_drop": "dropout net",
    # augmentation
    "a_title": "Data augmentation: more points made from the ones you have",
    "a_lead": "{n} training points and {test} test points of {data}. A copy of a point is turned about the centre by an angle "
              "drawn from ±θ, mirrored if chosen, then jittered; it keeps the point's label. The "
              "same network (2 × 32 ReLU units, the same initial weights, {steps} full-batch "
              "Adam steps) is trained on the originals plus 0 to {most} copies of each. Training "
              "accuracy is measured on the {n} originals.",
    "a_map_none": "No augmentation: {n} points",
    "a_map_aug": "{copies} copies of each point: {total} points",
    "s_original": "original point",
    "s_copy": "copy",
    "dataset": "Data set",
    "jitter": "Jitter σ",
    "angle": "Rotation up to ± θ (degrees)",
    "reflect": "Mirror the copies",
    "copies": "Copies per point (right map)",
    "a_curve_title": "Training and test accuracy against the points trained on",
    "points_axis": "points trained on: originals + copies (log scale)",
    "s_acc_train": "training accuracy (the originals)",
    "s_acc_test": "test accuracy",
    "acc_both": "accuracy",
    "m_gap0": "gap train − test, no copies",
    "m_gapm": "gap with {copies} copies",
    "m_test0": "test accuracy, no copies",
    "m_testm": "test accuracy, {copies} copies",
    "a_same": "Every transform is off, so each copy is its original point: the loss is the mean "
              "over the same points repeated, and every network learns what the first one did.",
    "a_helps": "With {copies} copies the gap between training and test accuracy goes from {g0} "
               "to {gm}, and test accuracy from {t0} to {tm}. The copies fill the space between "
               "the few points with the labels of their originals, so the network can no longer "
               "bend its boundary round single points.",
    "a_breaks": "Test accuracy falls from {t0} to {tm} with {copies} copies (the gap goes from "
                "{g0} to {gm}): these copies carry labels that are wrong where they land, and "
                "the network learns them. A transform must keep the label.",
    "a_moons": "Unlike the circle, the two moons do not look the same after a turn: half a "
               "turn about the centre puts one moon exactly on the other, so copies turned by "
               "up to ±{angle}° can land on the other moon with the wrong label.",
    "d_circle": "the circle, whose labels are noisy near the border",
    "d_moons": "the two moons (exact labels, slightly blurred points)",
    "a_mixed": "With {copies} copies the gap goes from {g0} to {gm} and test accuracy from {t0} "
               "to {tm}: here the copies do not both narrow the gap and raise test accuracy.",
    # imbalance
    "i_title": "A rare class: accuracy against balanced accuracy",
    "i_lead": "Two overlapping Gaussian blobs; class 1 (blue) makes up {share} of the {n} "
              "training points and of the {test} test points. One small network (8 tanh units) "
              "is trained twice from the same initial weights, full batch: with plain binary "
              "cross-entropy, and with BCEWithLogitsLoss(pos_weight = {w}), the number of "
              "class-0 points per class-1 point, so each class weighs the same in the loss.",
    "share": "Share of class 1 (the rare class)",
    "threshold": "Moved threshold t for the plain network",
    "i_map": "The plain network's P(class 1) and three boundaries",
    "s_plain": "plain, 0.5",
    "s_moved": "plain, t",
    "s_weighted": "weighted, 0.5",
    "i_bars": "Scores on the test points",
    "v_plain": "plain, 0.5",
    "v_moved": "plain, t = {t}",
    "v_weighted": "weighted, 0.5",
    "v_majority": "always 0",
    "variant": "loss, threshold",
    "score": "score",
    "s_accuracy": "accuracy",
    "s_balanced": "balanced accuracy",
    "s_recall": "recall of class 1",
    "m_w": "pos_weight = n₀ / n₁",
    "m_pi": "share π of class 1",
    "m_bal_t": "balanced, plain at t = {t}",
    "m_bal_w": "balanced, weighted",
    "i_verdict": "Answering 0 for every point is {maj} accurate and 50% balanced. The plain "
                 "network at threshold 0.5 is {acc} accurate but finds only {rec} of the class-1 "
                 "points (balanced {bal}). Moved to t = {t}, it finds {rec_t} (balanced {bal_t}, "
                 "accuracy {acc_t}); the weighted loss finds {rec_w} (balanced {bal_w}, accuracy "
                 "{acc_w}).",
    "i_even": "With both classes equally common, accuracy and balanced accuracy are the same "
              "number, and pos_weight = 1 leaves the loss as it was: the two networks are one.",
    "why_title": "Why it works this way",
    "why": "**Data augmentation.** When data are scarce, a big network can memorise every "
           "training point, noise included: training accuracy reaches 100% while test accuracy "
           "lags. Transforms that cannot change the label (a turned or mirrored photo of a cat "
           "is still a cat; here, a point of the circle turned about the centre stays at the "
           "same radius) make new, correctly labelled points for free. They tell the network "
           "what must not matter, so it stops fitting quirks of the few originals, and the "
           "train/test gap narrows. A transform that does change the label teaches falsehoods: "
           "turning the moons swaps their places, and test accuracy collapses even as the gap "
           "closes.\n\n"
           "**Bagging and the 63.2%.** Bagging trains each member on its own bootstrap sample: "
           "n draws with replacement from the n points. A given point is missed by one draw "
           "with probability 1 − 1/n, by all of them with (1 − 1/n)ⁿ → 1/e ≈ 0.368, so each "
           "sample holds about 63.2% of the distinct points and repeats some. The members "
           "therefore make partly independent mistakes, and averaging their outputs cancels "
           "some of them: the variance of the prediction falls while its bias stays about where it was. For the "
           "cross-entropy, the average's loss is never above the members' mean loss (Jensen); "
           "the more the members disagree, the larger the gain. Different initial weights "
           "alone already make neural networks disagree.\n\n"
           "**Dropout against bagging.** Dropout trains, at each step, one randomly thinned "
           "network; all of them share one set of weights, and at test time the full network "
           "with inverted scaling stands in for their average. It is an ensemble of "
           "exponentially many members for the price of one network, but its members are "
           "neither independent nor trained to convergence, so it is a cheaper and weaker "
           "kind of averaging than bagging's K separate networks, which cost K times the "
           "training and K times the prediction.\n\n"
           "**A rare class.** With 5% positives, a model that always says \"negative\" is 95% "
           "accurate and useless. Balanced accuracy, the mean of the recalls of the two "
           "classes, gives each class the same say: that model scores 50%. A network trained "
           "with the plain loss on such data learns the prior: its P(class 1) is low almost "
           "everywhere, and at threshold 0.5 it misses many rare points. Two remedies do the "
           "same job in different places. Weighting the loss (pos_weight = negatives / "
           "positives in BCEWithLogitsLoss, or class weights) makes each class count equally "
           "while training; moving the threshold keeps the network and changes the decision: "
           "for a well-fitted network, predicting class 1 when P > π (the share of class 1) "
           "maximises balanced accuracy, and the weighted network's 0.5 boundary sits where the "
           "plain network says π. Both trade some accuracy for recall of the rare class; "
           "resampling (over-sampling the rare class, under-sampling the common one) is the "
           "third form of the same correction.",
}

ZH = {
    "title": "数据与集成",
    "question": "数据增强和在自助重采样上训练的集成怎样缩小训练与测试之间的差距？dropout 和它们相比如何？"
                "当某一类很少见时，为什么准确率会误导人？",
    "card": "把在同一批点的不同重采样上训练的十个网络平均起来，用旋转和抖动的副本扩充 30 个训练点，"
            "再看平衡准确率如何揭穿一个从来找不到少数类的分类器。",
    "lead": "从少量数据中榨取更多的三种办法，每一种都在真实网络上测量：在自助重采样上训练的多个网络与一个"
            "带 dropout 的网络相比较；保持标签不变的训练点副本；以及照顾少数类的损失或阈值。",
    "c_shared": "本页所有训练共用",
    "seed": "随机种子（数据、重采样、初始权重）",
    "training": "正在训练网络……",
    "x1": "x₁",
    "x2": "x₂",
    "value": "P(类别 1)",
    # bagging
    "b_title": "Bagging：重采样上的多个网络，对比一个 dropout 网络",
    "b_map_members": "在重采样上训练的 {k} 个网络及其平均",
    "b_map_dropout": "一个 dropout 比例 p = {p} 的网络",
    "s_member": "单个成员",
    "s_average": "它们的平均",
    "s_nodrop": "无 dropout",
    "s_dropout": "有 dropout",
    "s_train": "训练点",
    "k": "集成中的网络数 K",
    "p": "单个网络的 dropout 比例 p",
    "b_lead": "{n} 个标签带噪声的 XOR 点，另有 {test} 个测试点。每个网络都有 2 个隐藏层、每层 32 个 ReLU "
              "单元，各自有自己的初始权重，用全批量 Adam 训练（{steps} 步，学习率 {lr}）。集成的每个成员"
              "只看到自己的自助样本：从这 {n} 个点中有放回地抽取 {n} 次。集成的预测是各成员概率的平均："
              "左图的颜色表示它；右图表示用全部 {n} 个点、带 dropout 训练的一个网络的输出"
              "（其中的细线：同一网络不用 dropout 训练的结果）。",
    "m_unique": "每个样本中不同点的比例",
    "m_member": "测试准确率：成员平均",
    "m_ensemble": "测试准确率：{k} 个的平均",
    "m_single": "测试准确率：用全部点训练的一个网络",
    "m_dropout": "测试准确率：dropout 网络",
    "b_share": "自助法检验：在 {draws} 个 {n} 点的样本中，每个样本平均包含 {mc} 的点至少一次（± {se}，一个标准误）。"
               "闭式解 1 − (1 − 1/{n})^{n} 给出 {exact}；n 越大，它越接近 1 − 1/e = 63.21%。"
               "其余约三分之一的点不在这个样本里，所以各成员互不相同。",
    "b_better": "{k} 个网络的平均对 {ens} 的测试点分类正确，高于成员的平均水平（{mem}）：各成员在不同的地方出错，"
                "平均之后每个成员自己的错误会被其他成员投票压下去。用全部 {n} 个点训练的一个网络得分 {single}，"
                "dropout 网络得分 {drop}。",
    "b_not": "这里 {k} 个网络的平均（{ens}）并不比成员的平均水平（{mem}）更准确：它们的错误重叠太多，"
             "无法相互抵消。用全部 {n} 个点训练的一个网络得分 {single}，dropout 网络得分 {drop}。",
    "b_jensen": "平均预测的测试损失（交叉熵）：{ens_loss}；成员的平均损失：{mem_loss}。无论成员是什么样，"
                "平均预测的损失都不会是较高的那个：−log 是凸函数（Jensen 不等式）。准确率没有这样的保证。",
    "b_curve_title": "成员逐个加入平均时的测试准确率",
    "k_axis": "参与平均的网络数 k",
    "acc_axis": "测试准确率",
    "s_running": "1 … k 的平均",
    "s_each": "第 k 个成员",
    "s_single": "一个网络，全部点",
    "s_drop": "dropout 网络",
    # augmentation
    "a_title": "数据增强：用已有的点造出更多的点",
    "a_lead": "{data}的 {n} 个训练点和 {test} 个测试点。一个点的副本先绕中心旋转一个"
              "从 ±θ 中抽取的角度，若选中则再做镜像，最后加上抖动；副本保留原点的标签。同一个网络"
              "（2 × 32 个 ReLU 单元，相同的初始权重，{steps} 步全批量 Adam）分别在原始点加上每点 0 到 "
              "{most} 个副本上训练。训练准确率在 {n} 个原始点上测量。",
    "a_map_none": "不做增强：{n} 个点",
    "a_map_aug": "每个点 {copies} 个副本：共 {total} 个点",
    "s_original": "原始点",
    "s_copy": "副本",
    "dataset": "数据集",
    "jitter": "抖动 σ",
    "angle": "旋转角度上限 ± θ（度）",
    "reflect": "镜像副本",
    "copies": "每个点的副本数（右图）",
    "a_curve_title": "训练准确率和测试准确率随训练点数的变化",
    "points_axis": "训练用的点数：原始点 + 副本（对数刻度）",
    "s_acc_train": "训练准确率（原始点）",
    "s_acc_test": "测试准确率",
    "acc_both": "准确率",
    "m_gap0": "训练 − 测试差距，无副本",
    "m_gapm": "{copies} 个副本时的差距",
    "m_test0": "测试准确率，无副本",
    "m_testm": "测试准确率，{copies} 个副本",
    "a_same": "所有变换都关闭了，每个副本就是它的原始点：损失是同一批点重复之后的平均，"
              "所以每个网络学到的都和第一个一样。",
    "a_helps": "有 {copies} 个副本时，训练与测试准确率的差距从 {g0} 变为 {gm}，测试准确率从 {t0} 变为 {tm}。"
               "副本带着原始点的标签填满了少数几个点之间的空间，网络再也无法让边界绕着单个点弯曲。",
    "a_breaks": "有 {copies} 个副本时测试准确率从 {t0} 降到 {tm}（差距从 {g0} 变为 {gm}）："
                "这些副本落到的位置上它们的标签是错的，网络把错误也学了进去。变换必须保持标签不变。",
    "a_moons": "与圆形数据不同，双月牙旋转后就不再是原来的样子：绕中心转半圈会把一个月牙恰好放到另一个月牙上，"
               "所以旋转至多 ±{angle}° 的副本可能带着错误的标签落到另一个月牙上。",
    "d_circle": "圆形数据（靠近边界处的标签带噪声）",
    "d_moons": "双月牙数据（标签准确，点的位置略有模糊）",
    "a_mixed": "有 {copies} 个副本时，差距从 {g0} 变为 {gm}，测试准确率从 {t0} 变为 {tm}："
               "这里的副本没有做到既缩小差距又提高测试准确率。",
    # imbalance
    "i_title": "少数类：准确率与平衡准确率",
    "i_lead": "两个相互重叠的高斯团；类别 1（蓝色）在 {n} 个训练点和 {test} 个测试点中都只占 {share}。"
              "一个小网络（8 个 tanh 单元）从相同的初始权重出发全批量训练两次：一次用普通的二元交叉熵，"
              "一次用 BCEWithLogitsLoss(pos_weight = {w})，即每个类别 1 的点对应的类别 0 的点数，"
              "这样两个类别在损失中分量相同。",
    "share": "类别 1（少数类）的比例",
    "threshold": "普通网络移动后的阈值 t",
    "i_map": "普通网络的 P(类别 1) 与三条边界",
    "s_plain": "普通，0.5",
    "s_moved": "普通，t",
    "s_weighted": "加权，0.5",
    "i_bars": "在测试点上的得分",
    "v_plain": "普通，0.5",
    "v_moved": "普通，t = {t}",
    "v_weighted": "加权，0.5",
    "v_majority": "总是 0",
    "variant": "损失，阈值",
    "score": "得分",
    "s_accuracy": "准确率",
    "s_balanced": "平衡准确率",
    "s_recall": "类别 1 的召回率",
    "m_w": "pos_weight（n₀ / n₁）",
    "m_pi": "类别 1 的比例 π",
    "m_bal_t": "平衡准确率：普通，t = {t}",
    "m_bal_w": "平衡准确率：加权",
    "i_verdict": "对每个点都回答 0，准确率为 {maj}，平衡准确率为 50%。普通网络在阈值 0.5 时准确率为 {acc}，"
                 "但只找到了 {rec} 的类别 1 的点（平衡准确率 {bal}）。把阈值移到 t = {t}，它找到 {rec_t}"
                 "（平衡准确率 {bal_t}，准确率 {acc_t}）；加权损失找到 {rec_w}（平衡准确率 {bal_w}，"
                 "准确率 {acc_w}）。",
    "i_even": "两类一样多时，准确率和平衡准确率是同一个数，pos_weight = 1 也不改变损失：两个网络其实是同一个。",
    "why_title": "为什么会这样",
    "why": "**数据增强。** 数据稀少时，大网络能把每个训练点连同噪声一起记住：训练准确率达到 100%，"
           "测试准确率却跟不上。不会改变标签的变换（猫的照片旋转或镜像后仍然是猫；这里，圆形数据中的点绕中心"
           "旋转后半径不变）可以免费造出新的、标签正确的点。它们告诉网络哪些东西不应该起作用，"
           "于是网络不再去拟合少数原始点的偶然特征，训练与测试的差距随之缩小。会改变标签的变换则是在教错误的东西："
           "旋转月牙数据会让两个月牙互换位置，即使差距缩小了，测试准确率也会崩溃。\n\n"
           "**Bagging 与 63.2%。** Bagging 让每个成员在自己的自助样本上训练：从 n 个点中有放回地抽取 n 次。"
           "某个点在一次抽取中没被抽中的概率是 1 − 1/n，n 次都没被抽中的概率是 (1 − 1/n)ⁿ → 1/e ≈ 0.368，"
           "所以每个样本大约包含 63.2% 的不同点，另有一些点重复出现。因此各成员的错误部分独立，"
           "把它们的输出平均起来能抵消一部分错误：预测的方差下降，偏差大致不变。对交叉熵来说，平均预测的损失"
           "从不高于成员的平均损失（Jensen 不等式）；成员之间分歧越大，收益越大。对神经网络而言，"
           "仅仅是初始权重不同就足以让它们产生分歧。\n\n"
           "**dropout 与 bagging。** dropout 在每一步训练一个随机稀疏化的网络；这些网络共享同一组权重，"
           "测试时用经过 inverted 缩放的完整网络代替它们的平均。它以一个网络的代价集成了指数多个成员，"
           "但这些成员既不独立，也没有各自训练到收敛，所以它是一种比 bagging 更便宜、也更弱的平均；"
           "bagging 的 K 个独立网络要付出 K 倍的训练和 K 倍的预测代价。\n\n"
           "**少数类。** 正例只占 5% 时，一个永远回答“负例”的模型准确率为 95%，却毫无用处。"
           "平衡准确率是两个类别召回率的平均，让每个类别有同样的发言权：这个模型只得 50%。"
           "在这样的数据上用普通损失训练的网络会学到先验：它的 P(类别 1) 几乎处处都很低，"
           "在阈值 0.5 下会漏掉许多少数类的点。两种补救办法在不同的环节做同一件事。给损失加权"
           "（BCEWithLogitsLoss 中 pos_weight = 负例数 / 正例数，或类别权重）在训练时让每个类别分量相同；"
           "移动阈值则保留网络、只改变决策：对于拟合良好的网络，当 P > π（类别 1 的比例）时预测类别 1 "
           "能使平衡准确率最大，而加权网络的 0.5 边界正好落在普通网络给出 π 的地方。"
           "两者都用一些准确率换取少数类的召回率；重采样（对少数类过采样、对多数类欠采样）"
           "是同一种校正的第三种形式。",
}
