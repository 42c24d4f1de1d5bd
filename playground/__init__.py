"""Engine of the deep-learning playground: data, initializers, activations, nets, probes,
training (no UI)."""
import torch

# The nets are tiny and one process serves several visitors on one or two cores: a second
# intra-op thread only spins against the other sessions, and under load a tiny loss that
# one thread computes at once waits on the spinning instead.
torch.set_num_threads(1)
