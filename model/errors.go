package model

import "github.com/heat-tools/maturity/internal/yamlx"

// Error is one problem found in a model file, with its file, line and
// column when known. It is an alias so that modules outside this one,
// which cannot import internal/yamlx, can name what Parse and Load return.
type Error = yamlx.Error

// Errors is every problem found in a model file, reported together: what
// Parse and Load return for a bad model (use errors.As).
type Errors = yamlx.Errors
