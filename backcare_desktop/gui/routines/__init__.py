"""The person's routines: the body map and the routine composed from it; the routine editor
(the technique library, the step list, one step's settings, the rules); what Home's routine
controls do (star, edit, export, remove, import)."""
