"""Select boxes in a real browser: Chinese labels, engine names in the page, and a language
switch that keeps the value even where the link does not hold it (AppTest cannot show this:
only the browser keeps the label of the language it drew)."""
from urllib.parse import parse_qs, urlparse

from test_browser import SHOTS, browser, no_errors, open_page, server, settle  # noqa: F401
from ui.text import gradient_flow as text


def shown(page, key: str) -> str:
    return page.locator(f".st-key-{key} input").input_value()


def options(page, key: str) -> list[str]:
    page.locator(f".st-key-{key} input").click()
    page.keyboard.press("ArrowDown")
    page.get_by_role("option").first.wait_for(timeout=10_000)
    return page.get_by_role("option").all_inner_texts()


def switch(page, language: str, title: str) -> None:
    page.locator('[data-testid="stSidebar"]').get_by_text(language, exact=True).click()
    settle(page, title)


def link(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_a_link_in_engine_names_reads_in_chinese_and_survives_the_switch(server, browser):
    page = open_page(browser, f"{server}/gradient_flow?lang=zh&act=relu&init=kaiming_normal",
                     text.ZH["title"], height=1000)
    assert (shown(page, "act"), shown(page, "init"), shown(page, "norm")) == (
        "ReLU", "He（Kaiming）正态", "无")
    assert link(page)["init"] == ["He（Kaiming）正态"]  # kept, as the select box spells it
    page.locator('[data-testid="stSidebar"]').screenshot(path=SHOTS / "options-sidebar-zh.png")
    assert "正态分布" in options(page, "init")
    page.keyboard.press("Escape")
    switch(page, "English", text.EN["title"])
    assert (shown(page, "init"), shown(page, "norm")) == ("He (Kaiming) normal", "None")
    assert link(page)["init"] == ["He (Kaiming) normal"]
    no_errors(page)
    page.close()


def test_a_lesson_value_survives_a_language_switch(server, browser):
    """The lesson sets init in session state; the link holds only `lesson=relu_he`."""
    page = open_page(browser, f"{server}/gradient_flow?lesson=relu_he&lang=zh",
                     text.ZH["title"], height=1000)
    assert shown(page, "init") == "He（Kaiming）正态"
    switch(page, "English", text.EN["title"])
    assert shown(page, "init") == "He (Kaiming) normal"
    options(page, "norm")
    page.get_by_role("option", name="Layer norm", exact=True).click()
    settle(page, text.EN["title"])
    assert (shown(page, "init"), shown(page, "norm")) == ("He (Kaiming) normal", "Layer norm")
    switch(page, "中文", text.ZH["title"])
    assert (shown(page, "init"), shown(page, "norm")) == ("He（Kaiming）正态", "层归一化")
    no_errors(page)
    page.close()


def test_b_reads_in_chinese_and_keeps_its_value_and_link_across_the_switch(server, browser):
    page = open_page(browser, f"{server}/gradient_flow?lang=zh&ab=true&b_init=kaiming_normal",
                     text.ZH["title"], height=1400)
    assert shown(page, "b_init") == "He（Kaiming）正态"
    assert link(page)["b_init"] == ["He（Kaiming）正态"]
    page.get_by_text("B 与 A 的不同之处：初始化方法为 He（Kaiming）正态").wait_for(timeout=30_000)
    switch(page, "English", text.EN["title"])
    assert shown(page, "b_init") == "He (Kaiming) normal"
    page.get_by_text("B differs from A in: Initializer He (Kaiming) normal").wait_for(timeout=30_000)
    no_errors(page)
    page.close()


def chips(page, key: str) -> list[str]:
    """The chosen options of a multiselect, as drawn (once the first is)."""
    page.locator(f".st-key-{key} [data-tag] [title]").first.wait_for(timeout=30_000)
    return page.locator(f".st-key-{key} [data-tag] [title]").all_inner_texts()


def test_a_multiselect_reads_in_chinese_keeps_its_choice_and_the_uploader_too(server, browser):
    from ui.text import optimizer_paths as paths_text, training as training_text
    page = open_page(browser, f"{server}/optimizer_paths?lang=zh&opts=sgd&opts=momentum",
                     paths_text.ZH["title"], height=1000)
    assert chips(page, "opts") == ["SGD", "动量法"]
    assert link(page)["opts"] == ["SGD", "动量法"]
    switch(page, "English", paths_text.EN["title"])
    assert chips(page, "opts") == ["SGD", "Momentum"]
    no_errors(page)
    page.close()
    page = open_page(browser, f"{server}/training?lang=zh", training_text.ZH["title"])
    drop = page.locator(".st-key-tr_upload")
    said = """e => [...e.querySelectorAll('p, span')].map(
        n => getComputedStyle(n, '::after').content).filter(c => c !== 'none').join(' ')"""
    # the uploader's words come in their own element, which may arrive after the uploader
    page.wait_for_function(f"() => ({said})(document.querySelector('.st-key-tr_upload'))",
                           timeout=30_000)
    words = drop.evaluate(said)
    assert '"上传"' in words and '"每个文件最多 1 MB · CSV"' in words
    drop.screenshot(path=SHOTS / "uploader-zh.png")
    no_errors(page)
    page.close()
