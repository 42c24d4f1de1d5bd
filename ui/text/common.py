"""Texts shared by every page."""
EN = {
    "sec_start": "Start",
    "sec_train": "Training",
    "sec_init": "Initialization & gradients",
    "sec_optim": "Optimization",
    "sec_tech": "Training techniques",
    "sec_concepts": "Concepts",
    "url_clamped": "The link asked for {key}={raw}, which this page does not allow: using {used}.",
    "url_ignored": "The link asked for {key}={raw}, which is not a valid value: using the default.",
    "url_dropped": "The link asked for {key}={raw}, which is not an option here: left out.",
    "open": "Open the experiment",
}
ZH = {
    "sec_start": "开始",
    "sec_train": "训练",
    "sec_init": "初始化与梯度",
    "sec_optim": "优化",
    "sec_tech": "训练技巧",
    "sec_concepts": "概念",
    "url_clamped": "链接里的 {key}={raw} 不在本页允许的范围内，已改用 {used}。",
    "url_ignored": "链接里的 {key}={raw} 不是有效取值，已改用默认值。",
    "url_dropped": "链接里的 {key}={raw} 不是本页的选项，已忽略。",
    "open": "打开实验",
}
