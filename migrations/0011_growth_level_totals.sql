-- How many submitted self-assessments chose each level, per cycle, role and indicator. The
-- service keeps it in the transaction that submits or reopens a self-assessment, so the
-- district's row of a heatmap reads a few hundred rows rather than every rating of the cycle
-- (docs/benchmarks.md, "Leader growth"). Filled here from what is already submitted.
CREATE TABLE growth_level_totals (
  cycle_id TEXT NOT NULL REFERENCES growth_cycles (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  item_id TEXT NOT NULL,
  level INTEGER NOT NULL,
  chosen INTEGER NOT NULL,
  PRIMARY KEY (cycle_id, role, item_id, level)
);
INSERT INTO growth_level_totals (cycle_id, role, item_id, level, chosen)
SELECT p.cycle_id, p.role, r.item_id, r.level, COUNT(*)
FROM growth_participants p
JOIN growth_assessments a ON a.cycle_id = p.cycle_id AND a.person_id = p.person_id
JOIN growth_ratings r ON r.assessment_id = a.id
WHERE a.status = 'submitted' AND r.level IS NOT NULL
GROUP BY p.cycle_id, p.role, r.item_id, r.level;
