"""The registry of pages: navigation and the home page's cards are built from it."""
from dataclasses import dataclass
from types import ModuleType

import streamlit as st

from ui import i18n
from ui.text import activations as activations_text
from ui.text import (backprop, batch_size, cnn_arithmetic, common, data_ensembles,
                     gradient_flow, home, loss_surface, losses_information, normalization,
                     optimizer_paths, regularization, rnn_lstm, training)


@dataclass(frozen=True)
class Experiment:
    file: str           # under pages/
    section: str        # key of the section title in ui.text.common
    icon: str
    text: ModuleType    # catalog with at least: title, question, card


HOME = Experiment("pages/home.py", "sec_start", ":material/home:", home)
EXPERIMENTS = (
    Experiment("pages/training.py", "sec_train", ":material/model_training:", training),
    Experiment("pages/loss_surface.py", "sec_train", ":material/landscape:", loss_surface),
    Experiment("pages/backprop.py", "sec_init", ":material/undo:", backprop),
    Experiment("pages/gradient_flow.py", "sec_init", ":material/stacked_line_chart:",
               gradient_flow),
    Experiment("pages/optimizer_paths.py", "sec_optim", ":material/route:", optimizer_paths),
    Experiment("pages/batch_size.py", "sec_tech", ":material/stacks:", batch_size),
    Experiment("pages/normalization.py", "sec_tech", ":material/tune:", normalization),
    Experiment("pages/regularization.py", "sec_tech", ":material/compress:", regularization),
    Experiment("pages/data_ensembles.py", "sec_tech", ":material/dataset:", data_ensembles),
    Experiment("pages/losses_information.py", "sec_concepts", ":material/functions:",
               losses_information),
    Experiment("pages/cnn_arithmetic.py", "sec_concepts", ":material/grid_on:", cnn_arithmetic),
    Experiment("pages/activations.py", "sec_concepts", ":material/show_chart:", activations_text),
    Experiment("pages/rnn_lstm.py", "sec_concepts", ":material/timeline:", rnn_lstm),
)


def page(e: Experiment) -> st.Page:
    title = i18n.translator(e.text)("title")
    return st.Page(e.file, title=title, icon=e.icon, default=e is HOME)


def navigation() -> dict[str, list[st.Page]]:
    """Sections in registry order, titles in the visitor's language."""
    T = i18n.translator(common)
    sections: dict[str, list[st.Page]] = {T(HOME.section): [page(HOME)]}
    for e in EXPERIMENTS:
        sections.setdefault(T(e.section), []).append(page(e))
    return sections


def link_params() -> dict[str, str]:
    """Query parameters that a link to another page should carry (the language)."""
    return {} if i18n.lang() == i18n.DEFAULT else {"lang": i18n.lang()}
