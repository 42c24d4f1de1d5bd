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
    "more_problems": "…and {n} more problems in “{field}”, not listed.",
    "open": "Open the experiment",
    "export": "Download this chart",
    "export_png": "PNG image",
    "export_svg": "SVG drawing",
    "export_csv": "CSV data",
    "export_png_help": "The chart as a picture at twice the screen's resolution: for slides "
                       "and notes.",
    "export_svg_help": "The chart as a vector drawing: sharp at any size, its text editable.",
    "export_csv_help": "The numbers drawn in this chart, one row per point, cell or bar. With "
                       "several tables, the column dataset names each row's table.",
    "progress": "{label}: {k} / {n} done",
    "present": "Presenter mode",
    "present_help": "Large text and charts for a projector; the sidebar starts folded away. "
                    "Link: add ?present=1 to any page (or ?present=hide for no sidebar).",
    "present_bad": "The link asked for present={raw}: presenter mode takes 1 (sidebar folded "
                   "away) or hide (no sidebar), so it is left as it was.",
    "upload_button": "Upload",
    "upload_limit": "{mb} MB per file · {types}",
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
    "more_problems": "……“{field}”中还有 {n} 个问题，不再逐一列出。",
    "open": "打开实验",
    "export": "下载此图",
    "export_png": "PNG 图片",
    "export_svg": "SVG 矢量图",
    "export_csv": "CSV 数据",
    "export_png_help": "以两倍屏幕分辨率保存为图片，可直接放进幻灯片或笔记。",
    "export_svg_help": "保存为矢量图，任意缩放都清晰，图中文字也可以编辑。",
    "export_csv_help": "图中画出的数值，每个点、格子或柱子一行。"
                       "图里有多张表时，dataset 列标明每行属于哪张表。",
    "progress": "{label}：已完成 {k} / {n}",
    "present": "演示模式",
    "present_help": "为投影放大文字和图表，侧边栏默认收起。"
                    "链接：在任一页面地址后加 ?present=1（加 ?present=hide 则完全隐藏侧边栏）。",
    "present_bad": "链接里的 present={raw} 无效：演示模式只接受 1（收起侧边栏）或 hide（隐藏侧边栏），"
                   "因此保持原样。",
    "upload_button": "上传",
    "upload_limit": "每个文件最多 {mb} MB · {types}",
}
