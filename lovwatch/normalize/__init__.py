"""Pure normalisation functions: text folding, authorities, service categories, dates.

No I/O beyond reading packaged reference data; import the submodules directly, e.g.
`from lovwatch.normalize.authorities import match_authority`.
"""
