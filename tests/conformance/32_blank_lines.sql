-- Empty lines are neither echoed nor sent; lines of spaces are.
CREATE TABLE t (id int);
SELECT 1

AS one;

   
SELECT nope

FROM t;
SELECT '

' AS quoted;
/* a comment

over lines */ SELECT 2 AS two;
