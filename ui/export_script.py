"""The "PyTorch script" download of the Training and Gradient flow pages: the current setup as a
standalone script (playground.script), written only when the button is clicked."""
from collections.abc import Callable

import streamlit as st

from playground import script
from playground.nets import NetConfig
from playground.train import TrainConfig, Trainer
from ui import i18n
from ui.text import gradient_flow, training

MIME = "text/x-python"


def _button(T: Callable[..., str], make: Callable[[], str], file: str, key: str,
            disabled: bool = False) -> None:
    st.sidebar.download_button(T("script"), data=make, file_name=file, mime=MIME, key=key,
                               icon=":material/code:", help=T("script_help"), on_click="ignore",
                               disabled=disabled)


def training_button(net: NetConfig, cfg: TrainConfig, points, trainer: Trainer | None) -> None:
    """Training's script: it trains for the whole epochs `trainer` has done when the button is
    clicked (it may be training in the background), or for the stop rule's epochs (cfg.epochs)
    before the first one. trainer: this setup's trainer, None if it is not built yet."""
    def make() -> str:
        done = int(trainer.epoch) if trainer is not None else 0
        return script.training_script(net, cfg, done if done >= 1 else cfg.epochs, points)

    _button(i18n.translator(training), make, "training.py", "tr_script",
            disabled=net.norm == "batch" and cfg.batch_size < 2)


def gradient_flow_button(net: NetConfig, batch: int) -> None:
    """Gradient flow's script: the same network and batch, its per-layer gradient norms."""
    _button(i18n.translator(gradient_flow), lambda: script.gradient_flow_script(net, batch),
            "gradient_flow.py", "gf_script")
