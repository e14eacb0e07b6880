"""The graph layer: ontology terms, IRIs, IR -> RDF, SHACL, build + cache, exports.

- ``vocab``: the ``kg:`` terms of ``ontology/policykg.ttl`` and the reused namespaces
- ``iri``: one pure minting function and a helper per kind of node
- ``rdf`` (+ ``rdf_text``, ``rdf_amounts``): ``to_graph(extraction)``, pure
- ``screen``: what the ontology cannot hold is left out, with reasons
- ``shacl``: validation against ``ontology/shapes.ttl`` with a grouped, readable report
- ``build`` (+ ``build_progress``, ``cache``, ``outputs``, ``atomic``, ``turtle``): ``policykg build``
- ``export`` (+ ``tables``, ``network``): ``policykg export``
"""
