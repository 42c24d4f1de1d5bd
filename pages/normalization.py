"""Normalization: batch norm in training, its batch noise and eval mode, LN/GN, input scaling."""
import numpy as np
import pandas as pd
import streamlit as st

from playground import batchnorm, contours, norms
from ui import charts, entry, fragment, i18n, number, page, progress, show, side_by_side
from ui.controls import Controls, option_label
from ui.text import normalization as text

entry.required()

T = i18n.translator(text)
EPOCHS, DEPTH, SWEEP_EPOCHS = 20, 6, 10
ACTS = ("tanh", "sigmoid", "relu")
DIST_LRS = (0.03, 0.1, 0.3, 1.0)
GROUPS = (1, 2, 4, 8)
STEPS = (0, 1, 2, 5, 10, 20, 50, 100, 200, 500)
MOMENTA = (0.01, 0.03, 0.1, 0.3, 1.0)
SCALES = (1, 3, 10, 30, 100)
SHARES = (0.1, 0.25, 0.5, 0.75, 0.9)
GD_STEPS = (5, 10, 20, 50, 100, 200)
GRID, ISO, ROWS = 40, 10, 6
CONV_BATCHES, CONV_SIZES = (2, 4, 8, 16, 32), (3, 4, 5, 6)
UNDO_SHARES = (0.0, 0.25, 0.5, 0.75, 1.0)
UNDO_ROWS, UNDO_FEATURES, UNDO_LR, UNDO_STEPS = 6, 4, 0.2, 60
RUN_MOMENTA, RUN_LRS, RUN_STEPS = (0.01, 0.03, 0.1, 0.3, 1.0), (0.1, 0.3, 1.0), 300
RUN_TAIL = 12  # minibatches whose losses are averaged: one epoch of 200 points in 16s


def controls(c: Controls) -> dict:
    """What every section shares (a change reruns the whole page); the rest sits in its section."""
    c.where.subheader(T("c_train"))
    return {"act": c.choice("nm_act", T("act"), ACTS, "tanh"),
            "seed": c.seed("nm_seed", T("seed"))}


# -- cached engine calls (plain arguments only) ----------------------------------------------

@st.cache_data(max_entries=64, show_spinner=False)
def snapshots(norm: str, act: str, lr: float, seed: int) -> norms.Snapshots:
    return norms.training_snapshots(norm, act, lr, DEPTH, epochs=EPOCHS, seed=seed)


@st.cache_data(max_entries=512, show_spinner=False)
def sweep_run(norm: str, lr: float, act: str, seed: int) -> tuple[float, bool]:
    return norms.sweep_run(norm, lr, act, epochs=SWEEP_EPOCHS, seed=seed)


SWEEP_KEYS = [(norm, lr) for lr in norms.LRS for norm in norms.SWEEP_NORMS]


@st.cache_data(max_entries=32, show_spinner=False)
def sweep(act: str, seed: int) -> pd.DataFrame:
    return norms.sweep_table({k: sweep_run(*k, act, seed) for k in SWEEP_KEYS})


@st.cache_data(max_entries=32, show_spinner=False)
def noise(groups: int, seed: int) -> pd.DataFrame:
    return norms.batch_noise(norms.population(seed=seed), groups=groups, seed=seed)


@st.cache_data(max_entries=64, show_spinner=False)
def train_eval(steps: int, momentum: float, seed: int) -> norms.TrainEval:
    return norms.train_vs_eval(steps, momentum, seed=seed)


@st.cache_data(max_entries=64, show_spinner=False)
def surface(kind: str, scale: float, seed: int):
    """The least-squares problem over the two weights for one feature scaling, and its map."""
    X, y = norms.feature_data(scale, seed=seed)
    q = norms.least_squares(norms.scale_features(X, kind), y)
    domain = norms.square_domain([(0.0, 0.0), tuple(q.w_star)])
    Xg, Yg, Z = contours.grid(q.value, domain, GRID)
    lines = contours.iso_lines(Xg, Yg, Z, contours.levels(Z, ISO, log=True))
    return q, (Xg, Yg, Z, lines, domain)


@st.cache_data(max_entries=64, show_spinner=False)
def scaling(kind: str, scale: float, share: float, steps: int, seed: int):
    """The map of one feature scaling and a GD path on it (a step move keeps the map)."""
    q, grid = surface(kind, scale, seed)
    lr = share * 2 / q.eigenvalues[-1]
    return q, lr, norms.gd_path(q, lr, steps), grid


@st.cache_data(max_entries=64, show_spinner=False)
def stats_run(mode: str, momentum: float, lr: float, seed: int) -> pd.DataFrame:
    return batchnorm.train_with_stats(mode, momentum, lr, RUN_STEPS, seed=seed)


def undo_batch(seed: int) -> np.ndarray:
    """The small batch (UNDO_ROWS, UNDO_FEATURES) whose normalization is undone."""
    return norms.population(UNDO_ROWS, UNDO_FEATURES, seed).round(2)


# -- charts, cached with the language in the key: a rerun redraws only what a move changed ----

@st.cache_data(max_entries=256, show_spinner=False)
def training_charts(act: str, lr: float, seed: int, epoch: int, lang: str) -> dict:
    """Per network (none, batch): the shown epoch, its output densities, the pre-activation
    spread over the epochs, the loss at that epoch and where it diverged; and the loss curves."""
    runs = {n: snapshots(n, act, lr, seed) for n in ("none", "batch")}
    layers = {l: T("layer_n", l=l) for l in range(1, DEPTH + 1)}
    out = {}
    for norm, run in runs.items():
        e = min(epoch, int(run.hist["epoch"].max()))
        loss = run.loss.loc[run.loss["epoch"] == e, "loss"]
        spread = run.spread.assign(optimizer=run.spread["layer"], step=run.spread["epoch"])
        out[norm] = {
            "epoch": e, "diverged_at": run.diverged_at,
            "loss": float(loss.iloc[0]) if len(loss) else float("nan"),
            "dist": charts.distributions(
                run.hist[run.hist["epoch"] == e][["layer", "x", "density"]],
                T("h_axis"), T("density"), T("layer")),
            "spread": charts.step_lines(spread, "z_std", layers, T("z_std_axis"),
                                        T("epoch_axis"), e, log=False)}
    both = runs["none"].loss.rename(columns={"loss": "none"}).merge(
        runs["batch"].loss.rename(columns={"loss": "batch"}), on="epoch", how="outer")
    # the epoch the histograms show, marked on the loss curves
    out["curve"] = charts.marked_lines(both, "epoch", {"none": T("s_none"), "batch": T("s_batch")},
                                       T("epoch_axis"), T("loss_axis"), epoch, log=False)
    return out


@st.cache_data(max_entries=32, show_spinner=False)
def sweep_chart(act: str, seed: int, lang: str) -> tuple[dict, pd.DataFrame]:
    table = sweep(act, seed)
    return charts.grouped_bars(table[["lr", "none", "batch"]], "lr",
                               {"none": T("s_none"), "batch": T("s_batch")},
                               T("lr_axis"), T("final_loss")), table


@st.cache_data(max_entries=32, show_spinner=False)
def noise_charts(groups: int, seed: int, lang: str) -> tuple[dict, dict, pd.DataFrame]:
    table = noise(groups, seed)
    frame = table.melt(id_vars="batch", value_vars=["mean_sd", "mean_sd_exact", "var_sd",
                                                   "var_sd_exact"], var_name="key", value_name="y")
    spread = charts.xy_curves(frame.rename(columns={"batch": "x"}),
                              {"mean_sd": T("s_mean"), "mean_sd_exact": T("s_mean_exact"),
                               "var_sd": T("s_var"), "var_sd_exact": T("s_var_exact")},
                              T("batch_axis"), T("sd_axis"), log_x=True, log_y=True,
                              points=("mean_sd", "var_sd"),
                              dashed=("mean_sd_exact", "var_sd_exact"))
    own = charts.grouped_bars(
        table[["batch", "out_sd_batch", "out_sd_layer", "out_sd_group"]], "batch",
        {"out_sd_batch": T("s_bn"), "out_sd_layer": T("s_ln"), "out_sd_group": T("s_gn", g=groups)},
        T("batch_axis"), T("own_axis"))
    return spread, own, table


@st.cache_data(max_entries=128, show_spinner=False)
def grid_charts(b: int, groups: int, seed: int, lang: str) -> list[dict]:
    """One batch of b examples from the population and its three normalizations, as panels."""
    x = norms.population(seed=seed)[np.random.default_rng(seed).integers(0, 4096, b)]
    panels = [(T("p_input"), x), (T("p_bn"), norms.batch_norm(x)),
              (T("p_ln"), norms.layer_norm(x)), (T("p_gn", g=groups), norms.group_norm(x, groups))]
    return [charts.grids([(title, m[:ROWS].round(1))], step=34)
            for title, m in panels]


@st.cache_data(max_entries=128, show_spinner=False)
def eval_charts(steps: int, momentum: float, seed: int, lang: str):
    r = train_eval(steps, momentum, seed)
    trace = charts.lines(r.trace[["step", "batch_mean", "running_mean", "true_mean"]], "step",
                         {"batch_mean": T("s_batch_mean"), "running_mean": T("s_running"),
                          "true_mean": T("s_true")}, T("step_axis"), T("mean_axis"))
    outputs = charts.grouped_bars(r.outputs, "example",
                                  {"train": T("s_train"), "eval": T("s_eval")},
                                  T("example_axis"), T("prob_axis"))
    return trace, outputs, r


@st.cache_data(max_entries=256, show_spinner=False)
def map_charts(scale: float, share: float, steps: int, seed: int, lang: str) -> list[tuple]:
    """Per scaling: the map with its GD path, the condition number, the loss above the minimum
    after the last step, the learning rate used and the minimum."""
    titles = {"x": "w₁", "y": "w₂", "z": T("z"), "step": T("step_axis"), "start": T("start"),
              "end": T("end")}
    out = []
    for kind in norms.SCALINGS:
        q, lr, path, (X, Y, Z, lines, domain) = scaling(kind, scale, share, steps, seed)
        end = path.iloc[-1]
        marks = pd.DataFrame({"x": [0.0, end["x"]], "y": [0.0, end["y"]],
                              "kind": [T("start"), T("end")]})
        out.append((charts.loss_map(X, Y, Z, lines, path, marks, domain, True, titles),
                    q.condition, float(end["loss"] - q.floor), lr, tuple(q.w_star)))
    return out


@st.cache_data(max_entries=128, show_spinner=False)
def conv_charts(n: int, size: int, seed: int, lang: str) -> list[dict]:
    """Channel 1 of a batch of maps, before and after each norm: the batch mean at every
    position, then example 1 alone."""
    x = batchnorm.feature_maps(n, size, seed=seed)
    maps = [x, batchnorm.bn2d(x), batchnorm.bn1d_flat(x)]
    titles = [T("p_maps_in"), T("p_bn2d"), T("p_bn1d")]
    return [charts.grids([(t, m.mean(0)[0].round(2)) for t, m in zip(titles, maps)]),
            charts.grids([(t, m[0, 0].round(2)) for t, m in zip(titles, maps)])]


@st.cache_data(max_entries=64, show_spinner=False)
def undo_charts(share: float, seed: int, lang: str):
    x = undo_batch(seed)
    r = batchnorm.partial_undo(x, share)
    grid = charts.grids([(T("p_x"), r["x"].round(2)), (T("p_xhat"), r["xhat"].round(2)),
                         (T("p_gb"), np.stack([r["gamma"], r["beta"]]).round(2)),
                         (T("p_y"), r["y"].round(2))])
    g, b = batchnorm.undo_affine(x)
    learned = batchnorm.learn_identity(x, UNDO_LR, UNDO_STEPS).assign(
        sigma_1=g[0], mu_1=b[0])
    names = {"gamma_1": T("s_gamma"), "beta_1": T("s_beta"), "sigma_1": T("s_sigma"),
             "mu_1": T("s_mu")}
    chart = charts.lines(learned, "step", names, T("step_axis"), T("value_axis"),
                         dashed=(T("s_sigma"), T("s_mu")))
    return grid, chart, float(np.abs(r["y"] - x).max())


@st.cache_data(max_entries=64, show_spinner=False)
def stats_charts(momentum: float, lr: float, seed: int, lang: str):
    runs = {m: stats_run(m, momentum, lr, seed) for m in batchnorm.MODES}
    seen = runs["batch"][["step", "seen_std", "seen_mean"]].merge(
        runs["running"][["step", "seen_std", "seen_mean"]], on="step", how="outer",
        suffixes=("_batch", "_running"))
    seen_chart = charts.lines(seen, "step", {
        "seen_std_batch": T("s_std_batch"), "seen_std_running": T("s_std_running"),
        "seen_mean_batch": T("s_mean_batch"), "seen_mean_running": T("s_mean_running")},
        T("step_axis"), T("seen_axis"))
    bias = runs["batch"][["step", "bias"]].merge(runs["running"][["step", "bias"]], on="step",
                                                 how="outer", suffixes=("_batch", "_running"))
    bias_chart = charts.lines(bias, "step", {"bias_batch": T("s_stats_batch"),
                                             "bias_running": T("s_stats_running")},
                              T("step_axis"), T("bias_axis"))
    return seen_chart, bias_chart, runs


# -- sections ---------------------------------------------------------------------------------

@fragment
def during_training(v: dict) -> None:
    st.subheader(T("dist_title"))
    drawn = st.container()  # the charts first; their sliders and how to read them under them
    epoch, lr = Controls.beside(
        lambda c: c.slider("nm_ep", T("epoch"), 0, EPOCHS, 15, help=T("epoch_help")),
        lambda c: c.levels("nm_lr", T("lr"), DIST_LRS, 0.3))
    v = v | {"epoch": epoch, "lr": lr}
    progress.ensure(T("training_pair"), [lambda n=n: snapshots(n, v["act"], v["lr"], v["seed"])
                                         for n in ("none", "batch")],
                    ("nm_pair", v["act"], v["lr"], v["seed"]))
    st.markdown(T("dist_lead", epochs=EPOCHS))
    out = training_charts(v["act"], v["lr"], v["seed"], v["epoch"], i18n.lang())
    with drawn:  # what batch norm does to training first, then what it does to each layer
        st.markdown(f"**{T('curve_title')}**")
        show(out["curve"])
    for col, norm in zip(drawn.columns(2), ("none", "batch")):
        run = out[norm]
        with col:
            st.markdown(f"**{T('panel_' + norm, epoch=run['epoch'])}**")
            show(run["dist"])
            show(run["spread"])
            st.metric(T("m_loss", epoch=run["epoch"]), number(run["loss"], ".4f"))
            if run["diverged_at"] is not None:
                st.error(T("diverged_at", epoch=f"{run['diverged_at']:.3g}"),
                         icon=":material/warning:")


def learning_rates(v: dict) -> None:
    st.subheader(T("lr_title"))
    st.markdown(T("lr_lead", act=option_label(v["act"]), epochs=SWEEP_EPOCHS))
    progress.ensure(T("training_sweep"), [lambda k=k: sweep_run(*k, v["act"], v["seed"])
                                          for k in SWEEP_KEYS], ("nm_sweep", v["act"], v["seed"]))
    chart, table = sweep_chart(v["act"], v["seed"], i18n.lang())
    show(chart)
    best = {n: table.loc[table[n].idxmin()] if table[n].notna().any() else None
            for n in ("none", "batch")}
    if best["none"] is not None and best["batch"] is not None:
        st.info(T("lr_verdict", lr0=f"{best['none']['lr']:g}", l0=f"{best['none']['none']:.3f}",
                  lr1=f"{best['batch']['lr']:g}", l1=f"{best['batch']['batch']:.3f}"),
                icon=":material/speed:")
    gone = [(T(f"s_{n}"), lr) for n in ("none", "batch")
            for lr in table["lr"][table[f"{n}_diverged"]]]
    if gone:
        st.warning(T("lr_diverged", runs=", ".join(T("run", net=name, lr=f"{lr:g}")
                                                   for name, lr in gone)),
                   icon=":material/warning:")


@fragment
def batch_statistics(v: dict) -> None:
    st.subheader(T("noise_title"))
    st.markdown(T("noise_lead"))
    b, g = Controls.beside(
        lambda c: c.levels("nm_b", T("batch"), norms.BATCHES, 8),
        lambda c: c.levels("nm_g", T("groups"), GROUPS, 2, help=T("groups_help")))
    with st.spinner(T("sampling")):
        spread, own, table = noise_charts(g, v["seed"], i18n.lang())
    side_by_side((T("spread_title"), spread), (T("own_title"), own))
    row = table.loc[table["batch"] == b].iloc[0]
    m = st.columns(3)
    m[0].metric(T("m_mean_sd", b=b), number(row["mean_sd"], ".3f"),
                help=T("m_exact", exact=number(row["mean_sd_exact"], ".3f")))
    m[1].metric(T("m_var_sd", b=b), number(row["var_sd"], ".3f"),
                help=T("m_exact", exact=number(row["var_sd_exact"], ".3f")))
    m[2].metric(T("m_own", b=b), number(row["out_sd_batch"], ".3f"))
    st.caption(T("zero_note", ln=number(row["out_sd_layer"], ".1g"),
                 gn=number(row["out_sd_group"], ".1g")))
    st.markdown(f"**{T('grid_title', b=b, rows=min(b, ROWS))}**  \n{T('grid_lead')}")
    panels = grid_charts(b, g, v["seed"], i18n.lang())
    for pair in (panels[:2], panels[2:]):
        for col, panel in zip(st.columns(2), pair):
            with col:
                show(panel)


@fragment
def train_and_eval(v: dict) -> None:
    st.subheader(T("eval_title"))
    st.markdown(T("eval_lead"))
    steps, momentum = Controls.beside(
        lambda c: c.levels("nm_k", T("steps"), STEPS, 50),
        lambda c: c.levels("nm_mom", T("momentum"), MOMENTA, 0.1, help=T("momentum_help")))
    v = v | {"steps": steps, "momentum": momentum}
    with st.spinner(T("training_one")):
        trace, outputs, r = eval_charts(v["steps"], v["momentum"], v["seed"], i18n.lang())
    side_by_side((T("trace_title"), trace), (T("out_title"), outputs))
    u = r.units
    m = st.columns(3)
    m[0].metric(T("m_gap_mean"), number(np.abs(u["running_mean"] - u["true_mean"]).mean(), ".3g"))
    m[1].metric(T("m_gap_var"), number(np.abs(u["running_var"] - u["true_var"]).mean(), ".3g"))
    gap = np.abs(r.outputs["train"] - r.outputs["eval"]).mean()
    m[2].metric(T("m_gap_out"), number(gap, ".3f"))
    if v["steps"] == 0:
        st.info(T("eval_zero"), icon=":material/restart_alt:")


@fragment
def conv_channels(v: dict) -> None:
    st.subheader(T("conv_title"))
    n, size = Controls.beside(
        lambda c: c.levels("nm_cn", T("conv_batch"), CONV_BATCHES, 8),
        lambda c: c.levels("nm_cs", T("conv_size"), CONV_SIZES, 5))
    st.markdown(T("conv_lead", c=batchnorm.CHANNELS, n=n, h=size))
    means, example = conv_charts(n, size, v["seed"], i18n.lang())
    st.markdown(f"**{T('conv_means_title', n=n)}**")
    show(means)
    st.markdown(f"**{T('conv_example_title')}**")
    show(example)
    k = batchnorm.counts(n, batchnorm.CHANNELS, size).set_index("way")
    st.markdown(f"**{T('counts_title')}**")
    m = st.columns(3)
    for col, what in zip(m, ("means", "values", "params")):
        col.metric(T(f"m_{what}"), T("two_ways", bn2d=k.loc["bn2d", what],
                                     bn1d=k.loc["bn1d", what]))
    st.caption(T("conv_note"))


@fragment
def scale_and_shift(v: dict) -> None:
    st.subheader(T("undo_title"))
    (share,) = Controls.beside(
        lambda c: c.levels("nm_gb", T("undo_share"), UNDO_SHARES, 1.0, help=T("undo_help")),
        columns=2)
    st.markdown(T("undo_lead", n=UNDO_ROWS, c=UNDO_FEATURES))
    grid, chart, gap = undo_charts(share, v["seed"], i18n.lang())
    show(grid)
    st.metric(T("m_undo_gap", share=f"{share:g}"), number(gap, ".1e"))
    st.markdown(f"**{T('learn_title')}**  \n{T('learn_lead', lr=UNDO_LR, steps=UNDO_STEPS)}")
    show(chart)


@fragment
def running_in_training(v: dict) -> None:
    st.subheader(T("run_title"))
    momentum, lr = Controls.beside(
        lambda c: c.levels("nm_rm", T("momentum"), RUN_MOMENTA, 0.1, help=T("momentum_help")),
        lambda c: c.levels("nm_rl", T("run_lr"), RUN_LRS, 0.3))
    st.markdown(T("run_lead", steps=RUN_STEPS))
    with st.spinner(T("training_two")):
        seen, bias, runs = stats_charts(momentum, lr, v["seed"], i18n.lang())
    side_by_side((T("seen_title"), seen), (T("bias_title"), bias))
    for col, mode in zip(st.columns(2), batchnorm.MODES):
        run = runs[mode]
        col.markdown(f"**{T('s_stats_' + mode)}**")
        inner = col.columns(2)
        inner[0].metric(T("m_run_bias", steps=int(run["step"].iloc[-1])),
                        number(run["bias"].iloc[-1], ".2e"))
        inner[1].metric(T("m_run_loss", n=RUN_TAIL),
                        number(run["loss"].iloc[-RUN_TAIL:].mean(), ".3f"))
    step = batchnorm.settled_step(runs["running"])
    st.info(T("lag", step=step) if step else T("lag_never", steps=RUN_STEPS),
            icon=":material/hourglass_top:")
    st.caption(T("bias_note"))
    gone = [T(f"s_stats_{m}") for m, frame in runs.items() if len(frame) <= RUN_STEPS]
    if gone:
        st.warning(T("run_diverged", runs=", ".join(gone)), icon=":material/warning:")


@fragment
def input_scaling(v: dict) -> None:
    st.subheader(T("feat_title"))
    scale, share, gd = Controls.beside(
        lambda c: c.levels("nm_sc", T("scale"), SCALES, 10),
        lambda c: c.levels("nm_eta", T("share"), SHARES, 0.5, help=T("share_help")),
        lambda c: c.levels("nm_gd", T("gd_steps"), GD_STEPS, 20))
    v = v | {"scale": scale, "share": share, "gd": gd}
    st.markdown(T("feat_lead", scale=v["scale"], share=f"{v['share']:g}", steps=v["gd"]))
    maps = map_charts(float(v["scale"]), v["share"], v["gd"], v["seed"], i18n.lang())
    for col, kind, (chart, condition, gap, lr, w) in zip(st.columns(3), norms.SCALINGS, maps):
        with col:
            st.markdown(f"**{T('k_' + kind)}**")
            show(chart)
            st.metric(T("m_cond"), number(condition, ",.3g"))
            st.metric(T("m_gap", steps=v["gd"]), number(gap, ".2e"))
            st.caption(T("lr_used", lr=f"{lr:.3g}", w1=f"{w[0]:.3g}", w2=f"{w[1]:.3g}"))


_, values = page.opening(T, "pages/normalization.py", controls)

during_training(values)
learning_rates(values)
batch_statistics(values)
train_and_eval(values)
conv_channels(values)
scale_and_shift(values)
running_in_training(values)
input_scaling(values)

page.footer(T)
