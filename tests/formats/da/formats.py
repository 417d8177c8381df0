# A Danish format module for tests that change FORMAT_MODULE_PATH (tests/test_dk_tags.py).
DATE_FORMAT = "Y-m-d"
