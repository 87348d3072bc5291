"""Small linear text classifiers trained on labelled sentences (data in rules/models/).

Word lists find the phrases someone thought of; a model trained on many labelled sentences
also scores the ones nobody listed — sarcasm, jabs, idioms — in each language. Scoring is pure
Python over a JSON file of weights, so nothing is downloaded and start-up stays fast.
"""
