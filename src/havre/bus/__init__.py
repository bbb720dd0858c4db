"""Fan-out between nodes behind one ``Bus`` protocol.

Modules: ``protocol`` (``Delivery`` and the ``Bus`` protocol), ``memory`` (the in-process bus of a
single node). A Redis bus for several nodes comes with the scale-out work and passes the same contract
tests.
"""
