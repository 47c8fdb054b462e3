"""The owners' web editor for their business's playbook: logins, saving with validation, versions and roll-back."""
