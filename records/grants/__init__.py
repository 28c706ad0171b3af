"""The Shenzhen Medical Research Fund (深医专项) back office: from intake form to disbursement."""
