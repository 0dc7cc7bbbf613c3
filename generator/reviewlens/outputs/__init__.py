"""What the analysis is written out as: annotations.json and SARIF."""
