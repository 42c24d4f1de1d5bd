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
}
ZH = {
    "title": "深度学习演练场",
    "lead": (
        "下面每个实验都对应一道深度学习基础面试题，并把它变成一个可以动手摆弄的真实网络。"
        "先读题、猜答案，再拖动滑块验证自己的判断。\n\n"
        "页面上的所有设置都保存在链接里：复制地址栏即可把完全相同的实验分享出去，比如发给全班同学。"
    ),
    "question_label": "问题：",
}
