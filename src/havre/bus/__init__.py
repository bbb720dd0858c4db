"""Fan-out between nodes behind one ``Bus`` protocol.

Modules: ``protocol`` (``Delivery`` and the ``Bus`` protocol), ``memory`` (the in-process bus of a
single node), ``redis`` (publish/subscribe between nodes). Both pass one contract suite.
"""
