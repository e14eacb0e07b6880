"""The graph layer: ontology terms, IRIs, IR -> RDF, SHACL, serialisation, exports.

- ``vocab``: the ``kg:`` terms of ``ontology/policykg.ttl`` and the reused namespaces
- ``iri``: one pure minting function and a helper per kind of node
- ``rdf`` (+ ``rdf_plan``, ``rdf_nodes``, ``rdf_text``, ``rdf_amounts``): ``graph_parts(extraction)``
  (the graph as parts with disjoint subjects) and ``to_graph`` (their union), pure
- ``screen``: what the ontology cannot hold is left out, with reasons
- ``shacl``: validation against ``ontology/shapes.ttl`` with a grouped, readable report;
  ``shacl_parts``: the same verdict one part at a time (types of other parts borrowed);
  ``shacl_native`` (+ ``shacl_rules``, ``shacl_messages``): the shapes compiled into Python
  checks, pyshacl's verdict at a fraction of its time (pyshacl stays the fallback)
- ``turtle`` (+ ``turtle_spool``, ``outputs``, ``atomic``): byte-stable sorted Turtle, written
  part by part, and atomic file writes
- ``build``: a compatibility re-export of ``policykg.build.run`` (the build orchestration lives
  in ``policykg.build``)
- ``export`` (+ ``tables``, ``network``): ``policykg export``
"""
