"""The science of raadhuis.wegen, free of Django: vehicle models, road profiles, signal
processing, IRI, event detection, map matching and condition. Plain numpy/scipy/scikit-learn
so that the benchmark, the simulator and the services share one implementation."""
