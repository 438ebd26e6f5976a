"""The engine's MkDocs adapters: thin event handlers around the kb package, in the order they run."""
