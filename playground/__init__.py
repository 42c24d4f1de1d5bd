"""Engine of the deep-learning playground: data, initializers, activations, nets and probes (no UI)."""
import torch

# The nets are tiny and the app serves several sessions at once; more threads only add contention.
if torch.get_num_threads() > 2:
    torch.set_num_threads(2)
