"""Engine of the deep-learning playground: data, initializers, activations, nets, probes,
training (no UI)."""
import torch

# The nets are tiny and one process serves several visitors on one or two cores: a second
# intra-op thread only spins against the other sessions (measured: BCE on a batch of 10
# went from microseconds to 7 ms under load with two threads).
torch.set_num_threads(1)
