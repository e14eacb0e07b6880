"""The graph layer: ontology terms, IRIs, IR -> RDF, SHACL, build + cache, exports.

- ``vocab``: the ``kg:`` terms of ``ontology/policykg.ttl`` and the reused namespaces
- ``iri``: one pure minting function and a helper per kind of node
- ``rdf`` (+ ``rdf_plan``, ``rdf_nodes``, ``rdf_text``, ``rdf_amounts``): ``graph_parts(extraction)``
  (the graph as parts with disjoint subjects) and ``to_graph`` (their union), pure
- ``screen``: what the ontology cannot hold is left out, with reasons
- ``shacl``: validation against ``ontology/shapes.ttl`` with a grouped, readable report;
  ``shacl_parts``: the same verdict one part at a time (types of other parts borrowed)
- ``build`` (+ ``build_progress``, ``cache``, ``outputs``, ``atomic``, ``turtle``,
  ``turtle_spool``): ``policykg build``, in bounded memory
- ``export`` (+ ``tables``, ``network``): ``policykg export``
"""
