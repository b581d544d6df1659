-- Several nodes on one PostgreSQL database: the batch worker (node) whose queue holds a batch, so
-- that a node starting up interrupts only the batches of workers that are gone, not those another
-- node is still working on (store/batch_repo.hpp, BatchWorkers). 0: no owner recorded.
ALTER TABLE batches ADD COLUMN worker BIGINT NOT NULL DEFAULT 0;
