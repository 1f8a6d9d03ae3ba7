"""Running the app as several processes behind nginx (``python -m analytics serve``).

``workers``: the Streamlit processes and their command line; ``nginx``: the proxy's
configuration, written from the shipped ``deploy/nginx.conf``; ``supervise``: starting
them, waiting until they answer, and stopping them all together. Nothing here imports
Streamlit, DuckDB or pandas: the supervising process stays small.
"""
