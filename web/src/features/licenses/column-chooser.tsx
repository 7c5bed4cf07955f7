import { Button, Checkbox, Popover, Stack } from '@mantine/core';

interface ColumnChooserProps {
  columns: { id: string; label: string }[];
  hidden: string[];
  onChange: (hidden: string[]) => void;
}

/** Which columns the table shows: plain checkboxes in a popover, so that Tab and Space reach each one. */
export function ColumnChooser({ columns, hidden, onChange }: ColumnChooserProps) {
  return (
    <Popover position="bottom-end" shadow="md" trapFocus>
      <Popover.Target>
        <Button variant="default">Columns</Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Checkbox.Group
          label="Shown columns"
          value={columns.map((c) => c.id).filter((id) => !hidden.includes(id))}
          onChange={(shown) => onChange(columns.map((c) => c.id).filter((id) => !shown.includes(id)))}
        >
          <Stack gap={6} mt="xs">
            {columns.map((c) => (
              <Checkbox key={c.id} value={c.id} label={c.label} />
            ))}
          </Stack>
        </Checkbox.Group>
      </Popover.Dropdown>
    </Popover>
  );
}
