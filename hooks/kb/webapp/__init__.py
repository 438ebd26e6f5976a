"""An installable site that works offline: icons from the logo, a manifest, a service worker."""
