#!/bin/sh
# BackCare Desktop lives in /opt/backcare-desktop; this puts `backcare` on everyone's PATH.
exec /opt/backcare-desktop/backcare "$@"
