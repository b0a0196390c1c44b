package confd_test

import (
	"strconv"

	"github.com/gopbx/confd/resources"
)

func itoa(i int) string { return strconv.Itoa(i) }

// status maps an error to the HTTP status wazo would answer.
func status(err error) int {
	if err == nil {
		return 200
	}
	switch resources.KindOf(err) {
	case resources.Invalid, resources.Conflict:
		return 400
	case resources.NotFound:
		return 404
	}
	return 500
}
