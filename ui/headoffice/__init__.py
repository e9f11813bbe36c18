"""The head-office desk window (``counter-app --head-office``): views over
``counter_app.headoffice.desk``'s services, signed in with a head-office desk account."""
