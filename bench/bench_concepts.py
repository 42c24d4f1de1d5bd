"""Server-side time of a rerun of the concept pages (Losses & information, CNN arithmetic)
after a widget move.

    python bench/bench_concepts.py [--moves 20]

Each move sets a value not seen before, so no cache hit flatters the figure.
"""
import argparse

from common import moves, report

LI = "pages/losses_information.py"
CNN = "pages/cnn_arithmetic.py"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--moves", type=int, default=20)
    n = ap.parse_args().moves
    report("Losses: mix slider moves", moves(LI, {}, "slider", "li_mix", [5 * (i % 21) for i in
                                                                         range(1, n + 1)]))
    report("Losses: prediction z moves", moves(LI, {}, "slider", "li_z",
                                               [(i % 21) - 10 for i in range(1, n + 1)]))
    report("Losses: p edits (text field)", moves(LI, {}, "text_input", "li_p",
                                                 [f"{i}, 3, 1, 1" for i in range(1, n + 1)]))
    report("CNN AlexNet: input height moves (cache miss)",
           moves(CNN, {}, "slider", "cnn_h", range(200, 200 + n)))
    report("CNN VGG-16: input height moves (cache miss)",
           moves(CNN, {"cnn": "c3p1o64,c3p1o64,m2,c3p1o128,c3p1o128,m2,c3p1o256,c3p1o256,"
                              "c3p1o256,m2,c3p1o512,c3p1o512,c3p1o512,m2,c3p1o512,c3p1o512,"
                              "c3p1o512,m2,f4096,f4096,f1000"},
                 "slider", "cnn_h", range(200, 200 + n)))
    report("CNN decoder t4s2 x3: input height moves (cache miss)",
           moves(CNN, {"cnn": "t4s2p1o64,t4s2p1o32,t4s2p1o3", "cnn_c": 128},
                 "slider", "cnn_h", range(8, 8 + n)))
    report("CNN: small-grid seed moves (cache miss)",
           moves(CNN, {}, "number_input", "cnn_seed", range(1, n + 1)))


if __name__ == "__main__":
    main()
