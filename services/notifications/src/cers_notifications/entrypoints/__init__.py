"""notifications: HTTP routes and Kafka consumers: thin, they call the service layer."""
